using ScsFederation.Core.Configuration;
using ScsFederation.Hub;

// scsfed hub: `--config FILE` names the federation file (default: samples/federation.yaml next to the working directory).
var configPath = "samples/federation.yaml";
var rest = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--config" && i + 1 < args.Length) configPath = args[++i];
    else if (args[i].StartsWith("--config=", StringComparison.Ordinal)) configPath = args[i]["--config=".Length..];
    else rest.Add(args[i]);
}

// `dotnet run --project` starts in the project folder: look for a relative path in the parent folders too.
if (!Path.IsPathRooted(configPath) && !File.Exists(configPath))
{
    for (var dir = Directory.GetParent(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, configPath);
        if (File.Exists(candidate)) { configPath = candidate; break; }
    }
}

FederationConfig config;
try
{
    config = FederationFileReader.Load(configPath);
}
catch (FederationConfigException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var app = await HubHost.CreateAsync(config, [.. rest]);
// Through the logger, so that with hub.operations.logFormat: json every line of the output is one JSON object.
app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("ScsFederation hub is running: {Issuer}  (discovery: {Issuer}/.well-known/openid-configuration)", config.Hub.Issuer, config.Hub.Issuer));
await app.RunAsync();
return 0;
