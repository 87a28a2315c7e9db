using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ScsFederation.Core.Configuration;
using ScsFederation.SelfDescription.Publication;
using ScsFederation.Storage;
using ScsFederation.Storage.Publication;

namespace ScsFederation.Hub.GaiaX;

/// <summary>
/// The providers' published Gaia-X credentials for catalogues and verifiers, at their ids:
/// <c>GET {issuer}gaia-x/providers/{provider}/{…}</c> answers the credential, the VP or the compliance label (media type
/// by <see cref="CredentialNegotiation"/>, 406 when nothing acceptable), with a strong <c>ETag</c> (304 on
/// <c>If-None-Match</c>) and <c>Vary: Accept</c>; unknown or expired ids are 404. <c>GET {issuer}gaia-x/providers/{provider}/</c>
/// lists what is resolvable (JSON).
/// </summary>
public static class GaiaXEndpoints
{
    public const string HttpClientName = "gaia-x";

    public static IServiceCollection AddGaiaXPublication(this IServiceCollection services, FederationConfig config)
    {
        services.AddSingleton<IPublicationStore>(sp => new EfPublicationStore(sp.GetRequiredService<IDbContextFactory<HubDbContext>>()));
        services.AddHttpClient(HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(60))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<GaiaXRepublisher>();
        services.AddHostedService<GaiaXRepublicationService>();
        return services;
    }

    public static void MapGaiaXEndpoints(this IEndpointRouteBuilder app, FederationConfig config)
    {
        var basePath = new Uri(config.Hub.CanonicalIssuer).AbsolutePath.TrimEnd('/');
        app.MapGet(basePath + "/gaia-x/providers/{provider}/{**rest}", async (HttpContext http, string provider, string? rest, IPublicationStore store, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var entry = config.FindProvider(provider);
            if (entry?.GaiaX is null) return Results.NotFound();
            var prefix = $"{config.Hub.CanonicalIssuer.TrimEnd('/')}/gaia-x/providers/{provider}/";
            var now = clock.GetUtcNow();
            if (string.IsNullOrEmpty(rest)) return Results.Json(await ListingAsync(store, provider, prefix, now, cancellationToken));

            var credential = await store.FindAsync(prefix + rest, now, cancellationToken);
            if (credential is null) return Results.NotFound();
            var mediaType = CredentialNegotiation.Choose(CredentialNegotiation.Variants(credential), http.Request.Headers.Accept);
            http.Response.Headers.Vary = "Accept";
            if (mediaType is null)
            {
                return Results.Json(new { error = "not_acceptable", available = CredentialNegotiation.Variants(credential) }, statusCode: StatusCodes.Status406NotAcceptable);
            }
            http.Response.Headers.ETag = credential.ETag;
            http.Response.Headers.CacheControl = "no-cache";
            if (CredentialNegotiation.NotModified(http.Request.Headers.IfNoneMatch, credential.ETag)) return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.Text(credential.Body, mediaType);
        });
    }

    /// <summary>Under /admin (bearer token): <c>POST /admin/gaia-x/republish</c> runs the republication check now (publishes what is due) and answers each provider's outcome.</summary>
    public static void MapGaiaXAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/gaia-x/republish", async (GaiaXRepublisher republisher, CancellationToken cancellationToken) =>
        {
            var outcomes = await republisher.RunOnceAsync(cancellationToken);
            return Results.Json(new { providers = outcomes }, statusCode: outcomes.Any(o => o.Reason is not null) ? 422 : 200);
        }).DisableAntiforgery();
    }

    private static async Task<JsonObject> ListingAsync(IPublicationStore store, string provider, string prefix, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = await store.CurrentAsync(provider, cancellationToken);
        var credentials = await store.ListAsync(provider, now, cancellationToken);
        return new JsonObject
        {
            ["provider"] = provider,
            ["base"] = prefix,
            ["issuer"] = current?.IssuerDid,
            ["publication"] = current is null ? null : new JsonObject { ["id"] = current.Id, ["createdAt"] = current.CreatedAt.ToString("O"), ["validUntil"] = current.ValidUntil.ToString("O") },
            ["presentation"] = credentials.FirstOrDefault(c => c.Kind == PublishedKind.Presentation)?.Id,
            ["label"] = credentials.FirstOrDefault(c => c.Kind == PublishedKind.Label)?.Id,
            ["credentials"] = new JsonArray(credentials.Select(c => (JsonNode?)new JsonObject
            {
                ["id"] = c.Id, ["kind"] = c.Kind, ["type"] = c.GxType, ["mediaType"] = c.MediaType, ["etag"] = c.ETag,
                ["issuedAt"] = c.IssuedAt.ToString("O"), ["validUntil"] = c.ValidUntil.ToString("O"),
            }).ToArray()),
        };
    }
}
