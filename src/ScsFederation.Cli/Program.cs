using System.CommandLine;
using ScsFederation.Cli.Commands;

// `scsfed`: each command group lives in its own file under Commands/ and exposes Create().
var root = new RootCommand("scsfed — ScsFederation federation hub and Gaia-X self-description tooling");
foreach (var group in CommandGroups.All())
{
    root.Subcommands.Add(group);
}

return await root.Parse(args).InvokeAsync();
