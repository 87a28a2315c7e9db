using System.CommandLine;
using ScsFederation.Core.Configuration;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.SelfDescription;

namespace ScsFederation.Cli.Commands;

/// <summary>
/// <c>scsfed sd build --config FEDERATION.yaml --provider P</c>: the provider's unsigned Gaia-X credential
/// set, from its <c>gaiaX</c> entry and from what its cloud runs: the Keystone catalog (read with the admin
/// credentials of the federation file) and, where reachable, Nova's public flavors, Glance's public images and
/// the Kubernetes API server's version (what could not be read is in <c>notes</c>). <c>--offline</c> skips the
/// cloud (participant credentials only). Exit 0 built, 1 Keystone could not be read, 2 usage or configuration error.
/// </summary>
internal static class SdBuildCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "Federation file", Required = true };
        var provider = new Option<string>("--provider") { Description = "Provider id", Required = true };
        var offline = new Option<bool>("--offline") { Description = "Do not read the cloud: no service offerings" };
        var command = new Command("build", "Build a provider's unsigned Gaia-X credential set (participant, issuer, registration-number request, one offering per service)");
        command.Options.Add(config);
        command.Options.Add(provider);
        command.Options.Add(offline);
        command.SetAction(async (parse, cancellationToken) =>
        {
            FederationConfig federation;
            try { federation = FederationFileReader.Load(parse.GetValue(config)!.FullName); }
            catch (FederationConfigException e) { Console.Error.WriteLine($"scsfed sd: {e.Message}"); return 2; }
            var id = parse.GetValue(provider)!;
            var entry = federation.Providers.FirstOrDefault(p => p.Id == id);
            if (entry is null) { Console.Error.WriteLine($"scsfed sd: no provider '{id}' (have: {string.Join(", ", federation.Providers.Select(p => p.Id))})"); return 2; }
            if (entry.GaiaX is null) { Console.Error.WriteLine($"scsfed sd: provider '{id}' has no gaiaX section: nothing to publish"); return 2; }

            CloudInventory inventory;
            try
            {
                inventory = parse.GetValue(offline) ? CloudInventory.Empty : await CloudDiscovery.DiscoverAsync(entry, federation.Hub.CanonicalIssuer, cancellationToken: cancellationToken);
            }
            catch (Exception e) when (e is KeystoneApiException or HttpRequestException or TaskCanceledException)
            {
                Console.Error.WriteLine($"scsfed sd: reading the cloud of '{id}' failed: {e.Message}");
                return 1;
            }
            var set = new ProviderCredentialBuilder(federation.Hub.CanonicalIssuer).Build(entry, inventory, DateTimeOffset.UtcNow);
            Console.Out.WriteLine(set.ToJson().ToJsonString(SdCommands.Pretty));
            return 0;
        });
        return command;
    }
}
