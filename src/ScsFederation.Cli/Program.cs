using System.CommandLine;
using ScsFederation.Cli.Commands;

// `scsfed`: each command group lives in its own file under Commands/ and exposes Create().
var root = new RootCommand("scsfed — ScsFederation federation hub and Gaia-X self-description tooling");
foreach (var group in CommandGroups.All())
{
    root.Subcommands.Add(group);
}

var parsed = root.Parse(args);
// Usage errors (unknown option, missing argument) exit 2, as every scsfed command's own input errors do.
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine(error.Message);
    return 2;
}
return await parsed.InvokeAsync();
