using System.CommandLine;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.DidWeb;
using ScsFederation.Hub.Keys;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.SelfDescription.Publication;
using ScsFederation.Storage;
using ScsFederation.Storage.Publication;

namespace ScsFederation.Cli.Commands;

/// <summary>
/// <c>scsfed sd publish --config F --provider P [--submit]</c>: builds the provider's set from its entry and its cloud, has
/// the notary attest the registration number, SHACL-validates, signs with the hub's issuer key for the provider's DID
/// (from the hub's key store, sealed with its KEK: run where the hub's data folder is), optionally submits to the
/// compliance service, and stores the publication in the hub database, where the hub serves it.
/// <c>scsfed sd submit --config F --provider P</c>: submits the stored presentation and stores the verified label.
/// JSON on stdout; exit 0 published/submitted, 1 a check refused it (the JSON names stage, reason and — for SHACL —
/// the report; nothing was stored), 2 usage or configuration error.
/// </summary>
internal static class SdPublishCommands
{
    public static Command CreatePublish()
    {
        var (config, provider) = Options();
        var submit = new Option<bool>("--submit") { Description = "Also submit the presentation to the compliance service (hub.gaiaX.compliance) and store the verified label" };
        var command = new Command("publish", "Publish a provider's Gaia-X credentials: notary, SHACL, sign, VP, optionally compliance; stored for the hub to serve");
        command.Options.Add(config);
        command.Options.Add(provider);
        command.Options.Add(submit);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (federation, entry) = Open(parse.GetValue(config)!, parse.GetValue(provider)!);
            if (federation is null || entry is null) return 2;
            if (federation.Hub.GaiaX.Notary is null) return Usage("hub.gaiaX.notary is not configured: the registration number must come from a notary");
            if (parse.GetValue(submit) && federation.Hub.GaiaX.Compliance is null) return Usage("--submit needs hub.gaiaX.compliance");
            var store = await StoreAsync(federation, cancellationToken);
            (SelfDescription.ProviderCredentialSet Set, string Hash) built;
            try { built = await GaiaXPublication.BuildAsync(federation, entry, DateTimeOffset.UtcNow, cancellationToken: cancellationToken); }
            catch (Exception e) when (e is KeystoneApiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine($"scsfed sd: reading the cloud of '{entry.Id}' failed: {e.Message}");
                return 1;
            }
            var signer = await IssuerSigningKeys.LoadAsync(new FileIssuerKeyStore(federation.Hub.DataFolder), KeyEncryptionKey.Load(federation.Hub), built.Set.IssuerDid, cancellationToken);
            using var key = signer?.Key;
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
            ProviderPublisher publisher;
            try { publisher = GaiaXPublication.CreatePublisher(federation, http, store, CredentialShapes.Load(federation.Hub.GaiaX.Shapes, federation.Hub.GaiaX.ClassHierarchy)); }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or IOException or Credentials.Jose.JwkFormatException or Shacl.ShaclException) { return Usage($"hub.gaiaX: {e.Message}"); }
            var result = await publisher.PublishAsync(built.Set, built.Hash, signer, parse.GetValue(submit), cancellationToken);
            Console.Out.WriteLine(result.ToJson().ToJsonString(SdCommands.Pretty));
            return result.Ok ? 0 : 1;
        });
        return command;
    }

    public static Command CreateSubmit()
    {
        var (config, provider) = Options();
        var command = new Command("submit", "Submit a provider's published presentation to the compliance service and store the verified label");
        command.Options.Add(config);
        command.Options.Add(provider);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (federation, entry) = Open(parse.GetValue(config)!, parse.GetValue(provider)!);
            if (federation is null || entry is null) return 2;
            if (federation.Hub.GaiaX.Compliance is null) return Usage("hub.gaiaX.compliance is not configured");
            var store = await StoreAsync(federation, cancellationToken);
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
            ProviderPublisher publisher;
            try { publisher = GaiaXPublication.CreatePublisher(federation, http, store, CredentialShapes.Default); }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or IOException or Credentials.Jose.JwkFormatException) { return Usage($"hub.gaiaX: {e.Message}"); }
            var result = await publisher.SubmitAsync(entry.Id, cancellationToken);
            Console.Out.WriteLine(result.ToJson().ToJsonString(SdCommands.Pretty));
            return result.Ok ? 0 : 1;
        });
        return command;
    }

    private static (Option<FileInfo> Config, Option<string> Provider) Options() =>
        (new Option<FileInfo>("--config") { Description = "Federation file", Required = true },
         new Option<string>("--provider") { Description = "Provider id", Required = true });

    private static (FederationConfig? Config, CloudProvider? Entry) Open(FileInfo file, string id)
    {
        FederationConfig federation;
        try { federation = FederationFileReader.Load(file.FullName); }
        catch (FederationConfigException e) { Usage(e.Message); return (null, null); }
        var entry = federation.Providers.FirstOrDefault(p => p.Id == id);
        if (entry is null) { Usage($"no provider '{id}' (have: {string.Join(", ", federation.Providers.Select(p => p.Id))})"); return (null, null); }
        if (entry.GaiaX is null) { Usage($"provider '{id}' has no gaiaX section: nothing to publish"); return (null, null); }
        return (federation, entry);
    }

    /// <summary>The hub database, migrated exactly as the hub migrates it.</summary>
    private static async Task<IPublicationStore> StoreAsync(FederationConfig federation, CancellationToken cancellationToken)
    {
        var factory = new HubDbContextFactory(federation.Hub);
        await using (var db = factory.CreateDbContext()) await DatabaseInitializer.InitializeAsync(db, cancellationToken);
        return new EfPublicationStore(factory);
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"scsfed sd: {message}");
        return 2;
    }
}
