using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Keys;
using ScsFederation.Storage;

namespace ScsFederation.Hub.Operations;

/// <summary>
/// Probes for orchestrators, each answering 200 or 503 with a JSON body:
/// <list type="bullet">
/// <item><c>/health/live</c> — the process answers HTTP (no dependency is checked: a database outage must not make
/// Kubernetes restart every instance at once).</item>
/// <item><c>/health/started</c> — start-up finished (schema, keys, clients, SAML metadata loaded before the host
/// started), i.e. the host's ApplicationStarted fired.</item>
/// <item><c>/health/ready</c> — the database answers, a signing key is active and not past its expiry, and the
/// upstreams' discovery / metadata is fresh. A stale or failing upstream makes the answer <c>degraded</c> with 200:
/// one partner's IdP being down must not take every instance out of the load balancer, since people of the other
/// upstreams can still log in. The body names the check and a stable code, never an internal URL or an upstream's
/// error text.</item>
/// </list>
/// </summary>
public static class HubHealth
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddHubHealth(this IServiceCollection services)
    {
        services.AddSingleton<UpstreamHealth>();
        services.AddSingleton<HubMetrics>();
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [ReadyTag])
            .AddCheck<SigningKeyCheck>("signing-keys", tags: [ReadyTag])
            .AddCheck<UpstreamFreshnessCheck>("upstreams", failureStatus: HealthStatus.Degraded, tags: [ReadyTag]);
        return services;
    }

    public static void MapHubHealth(this WebApplication app)
    {
        var started = false;
        app.Lifetime.ApplicationStarted.Register(() => Volatile.Write(ref started, true));
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        app.MapGet("/health/started", (HttpContext http) =>
        {
            var ok = Volatile.Read(ref started);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Json(new { status = ok ? "healthy" : "unhealthy", checks = new { started = new { status = ok ? "healthy" : "unhealthy" } } },
                statusCode: ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        // Kept for scripts written against earlier versions: the same as /health/live.
        app.MapGet("/healthz", () => Results.Text("ok"));
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = Name(report.Status),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = Name(e.Value.Status),
                detail = e.Value.Description,
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions));
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    /// <summary>One round trip; a failure says only that the database did not answer (the exception stays in the log).</summary>
    private sealed class DatabaseCheck(IDbContextFactory<HubDbContext> contexts, ILogger<DatabaseCheck> logger) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await using var db = await contexts.CreateDbContextAsync(timeout.Token);
                return await db.Database.CanConnectAsync(timeout.Token)
                    ? HealthCheckResult.Healthy("answers")
                    : HealthCheckResult.Unhealthy("database_unreachable");
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Readiness: the database did not answer: {Message}", e.Message);
                return HealthCheckResult.Unhealthy("database_unreachable");
            }
        }
    }

    /// <summary>Tokens can be signed only with an active key that has not expired (the rotation service keeps one).</summary>
    private sealed class SigningKeyCheck(SigningKeyRing ring, TimeProvider clock) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var now = clock.GetUtcNow();
            var active = ring.Current.ActiveByAlgorithm.Values.Where(k => k.ActivatesAt <= now && k.ExpiresAt > now).ToList();
            return Task.FromResult(active.Count == 0
                ? HealthCheckResult.Unhealthy("no_active_signing_key")
                : HealthCheckResult.Healthy("active", new Dictionary<string, object> { ["algorithms"] = active.Select(k => k.Algorithm).Order(StringComparer.Ordinal).ToArray() }));
        }
    }

    /// <summary>
    /// Degraded when an upstream's last discovery / metadata read failed, or its SAML metadata is past its
    /// <c>validUntil</c>. An upstream not read yet is not a failure (OIDC discovery is read at the first login).
    /// </summary>
    private sealed class UpstreamFreshnessCheck(FederationConfig config, UpstreamHealth health, TimeProvider clock) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var now = clock.GetUtcNow();
            var snapshot = health.Snapshot();
            var problems = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var upstream in config.Upstreams)
            {
                if (!snapshot.TryGetValue(upstream.Id, out var e)) continue;
                if (e.LastError is { } error) problems[upstream.Id] = error;
                else if (e.MetadataValidUntil is { } until && until < now) problems[upstream.Id] = "metadata_expired";
            }
            return Task.FromResult(problems.Count == 0
                ? HealthCheckResult.Healthy("fresh")
                : new HealthCheckResult(context.Registration.FailureStatus, "stale_upstreams", data: problems));
        }
    }
}
