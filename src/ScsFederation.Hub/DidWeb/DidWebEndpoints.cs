using System.Text.Json.Nodes;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Keys;

namespace ScsFederation.Hub.DidWeb;

/// <summary>
/// did:web documents and their x5u chains, at exactly the paths the configured DIDs resolve to (a DID names its
/// host, so the request's Host must be the DID's), and the admin side: status with each refusal code, publish, rotate.
/// </summary>
public static class DidWebEndpoints
{
    public const string DocumentMediaType = "application/did+json";
    public const string PemMediaType = "application/x-pem-file";

    public static IServiceCollection AddIssuerIdentity(this IServiceCollection services, FederationConfig config)
    {
        services.AddSingleton<IIssuerKeyStore>(new FileIssuerKeyStore(config.Hub.DataFolder));
        TrustAnchorRegistry.AddHttpClient(services);
        services.AddSingleton<TrustAnchorRegistry>();
        services.AddSingleton<IssuerIdentity>();
        services.AddHostedService<IssuerIdentityService>();
        return services;
    }

    public static void MapDidWebEndpoints(this IEndpointRouteBuilder app, FederationConfig config)
    {
        var folders = config.Hub.DidWeb.Issuers.Select(i => DidWebAddress.Parse(i.Did)!.Folder).Distinct(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            app.MapGet(folder + "/did.json", (HttpContext http, IssuerIdentity identity) =>
                identity.Document(http.Request.Host.Value ?? "", folder + "/did.json") is { } document
                    ? Results.Text(document.ToJsonString(), DocumentMediaType)
                    : Results.NotFound());
            app.MapGet(folder + "/x5u/{file}", (HttpContext http, string file, IssuerIdentity identity) =>
                file.EndsWith(".pem", StringComparison.Ordinal) && identity.Chain(http.Request.Host.Value ?? "", folder, file[..^4]) is { } pem
                    ? Results.Text(pem, PemMediaType)
                    : Results.NotFound());
        }
    }

    /// <summary>Under /admin (bearer token): GET /admin/did, POST /admin/did/publish, POST /admin/did/rotate {"did": ...}.</summary>
    public static void MapDidWebAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/did", (IssuerIdentity identity) => Results.Json(new { issuers = identity.Statuses }));
        admin.MapPost("/did/publish", async (IssuerIdentity identity, CancellationToken cancellationToken) =>
        {
            await identity.RefreshAsync(cancellationToken);
            var statuses = identity.Statuses;
            // 422 names the refused issuers' codes; 200 when every issuer is published.
            return Results.Json(new { issuers = statuses }, statusCode: statuses.All(s => s.Reason is null) ? 200 : 422);
        }).DisableAntiforgery();
        admin.MapPost("/did/rotate", async (HttpContext http, IssuerIdentity identity, CancellationToken cancellationToken) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: cancellationToken) as JsonObject;
            var did = (body?["did"] as JsonValue)?.GetValue<string>();
            try
            {
                var key = await identity.RotateAsync(did ?? "", cancellationToken);
                await identity.RefreshAsync(cancellationToken);
                return Results.Json(new { did, pending = identity.Statuses.First(s => s.Did == did).Keys.First(k => k.Kid == did + "#" + key.KeyId) });
            }
            catch (ArgumentException e)
            {
                return Results.Json(new { error = "unknown_issuer", error_description = e.Message }, statusCode: 404);
            }
        }).DisableAntiforgery();
    }
}

/// <summary>Publishes once the hub listens (the registry fetches the x5u from it) and re-checks every 10 minutes (chain file renewed, certificates expiring).</summary>
public sealed class IssuerIdentityService(IssuerIdentity identity, IHostApplicationLifetime lifetime, ILogger<IssuerIdentityService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try { await started.Task; }
            catch (TaskCanceledException) { return; }
        }
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try { await identity.RefreshAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Keep serving the documents in memory; the next tick tries again.
                logger.LogError(ex, "did:web publication check failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
