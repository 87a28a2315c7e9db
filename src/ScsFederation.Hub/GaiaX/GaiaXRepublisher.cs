using ScsFederation.Core.Configuration;
using ScsFederation.Hub.DidWeb;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.SelfDescription.Publication;

namespace ScsFederation.Hub.GaiaX;

/// <summary>What one republication check did for one provider.</summary>
public sealed record RepublicationOutcome(string Provider, string Action, string? Reason, string? Detail);

/// <summary>
/// Republishes each provider with a <c>gaiaX</c> entry when it is due: nothing published yet; the inputs changed (the
/// hash of its federation entry and of the catalog its Keystone lists now differs from the current publication's);
/// <c>hub.gaiaX.republishHours</c> passed; or less than a tenth of its validity is left. Signs with the key
/// <see cref="IssuerIdentity"/> publishes for the provider's DID; submits to compliance when configured
/// (<c>hub.gaiaX.compliance.submit</c>). A refused or failed run leaves the previous publication served.
/// </summary>
public sealed class GaiaXRepublisher(FederationConfig config, IssuerIdentity identity, IPublicationStore store, IHttpClientFactory httpClients, TimeProvider clock, ILogger<GaiaXRepublisher> logger)
{
    private readonly SemaphoreSlim _run = new(1, 1);
    private readonly Lazy<CredentialShapes> _shapes = new(() => CredentialShapes.Load(config.Hub.GaiaX.Shapes, config.Hub.GaiaX.ClassHierarchy));

    /// <summary>Test seam: how Keystone clients are made (default: the provisioning broker's client).</summary>
    public Func<KeystoneSettings, KeystoneClient>? KeystoneFactory { get; init; }

    public async Task<IReadOnlyList<RepublicationOutcome>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var outcomes = new List<RepublicationOutcome>();
        if (config.Hub.GaiaX.Notary is null) return outcomes;
        await _run.WaitAsync(cancellationToken);
        try
        {
            foreach (var provider in config.Providers.Where(p => p.GaiaX is not null))
            {
                RepublicationOutcome outcome;
                try { outcome = await RunOneAsync(provider, cancellationToken); }
                catch (Exception e) when (e is KeystoneApiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    outcome = new(provider.Id, "failed", "cloud_unreadable", e.Message);
                }
                if (outcome.Reason is not null) logger.LogError("gaia-x {Provider}: {Action}: {Reason}: {Detail}", outcome.Provider, outcome.Action, outcome.Reason, outcome.Detail);
                else if (outcome.Action == "published") logger.LogInformation("gaia-x {Provider}: published ({Detail})", outcome.Provider, outcome.Detail);
                outcomes.Add(outcome);
            }
        }
        finally { _run.Release(); }
        return outcomes;
    }

    private async Task<RepublicationOutcome> RunOneAsync(CloudProvider provider, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (set, hash) = await GaiaXPublication.BuildAsync(config, provider, now, KeystoneFactory, cancellationToken);
        var current = await store.CurrentAsync(provider.Id, cancellationToken);
        var why = Due(current, hash, now);
        if (why is null) return new(provider.Id, "current", null, null);

        var signing = identity.SigningKey(set.IssuerDid);
        using var key = signing?.Key;
        var signer = signing is { } s ? new IssuerSigner(s.Key, s.Kid) : null;
        var http = httpClients.CreateClient(GaiaXEndpoints.HttpClientName);
        var publisher = GaiaXPublication.CreatePublisher(config, http, store, _shapes.Value, clock);
        var submit = config.Hub.GaiaX.Compliance is { Submit: true };
        var result = await publisher.PublishAsync(set, hash, signer, submit, cancellationToken);
        return result.Ok
            ? new(provider.Id, "published", null, $"{why}; {result.Publication!.Credentials.Count} credentials{(submit ? ", label verified" : "")}")
            : new(provider.Id, "refused", result.Reason, $"{result.Stage}: {result.Detail}");
    }

    private string? Due(ProviderPublication? current, string hash, DateTimeOffset now)
    {
        if (current is null) return "nothing published yet";
        if (current.InputHash != hash) return "the federation entry or the catalog changed";
        var hours = config.Hub.GaiaX.RepublishHours;
        if (hours > 0 && now - current.CreatedAt >= TimeSpan.FromHours(hours)) return $"{hours} h since the last publication";
        if (current.ValidUntil - now < (current.ValidUntil - current.CreatedAt) / 10) return "less than a tenth of the validity left";
        return null;
    }
}

/// <summary>Checks every 10 minutes (first a minute after start, once the did:web documents are published) whether a provider is due.</summary>
public sealed class GaiaXRepublicationService(GaiaXRepublisher republisher, IHostApplicationLifetime lifetime, ILogger<GaiaXRepublicationService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try
            {
                await started.Task;
                await Task.Delay(FirstDelay, stoppingToken);
            }
            catch (TaskCanceledException) { return; }
        }
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try { await republisher.RunOnceAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "gaia-x republication check failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
