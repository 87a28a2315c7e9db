using System.Net.Http.Json;
using ScsFederation.Core.Configuration;

namespace ScsFederation.Hub.DidWeb;

/// <summary>The registry's answer: trusted only on HTTP 200.</summary>
public sealed record TrustAnchorAnswer(bool Trusted, string Detail);

/// <summary>
/// The Gaia-X registry's trust-anchor check: <c>POST {registry}/v2/api/trustAnchor/chain/file</c> with
/// <c>{"uri": x5u}</c>; the registry fetches the chain itself and answers 200 when its root is a trust anchor,
/// anything else when not. Only a registry on <c>hub.allowedFetchHosts</c> is contacted; no redirects are followed.
/// </summary>
public sealed class TrustAnchorRegistry(IHttpClientFactory httpClients, HubSettings hub)
{
    public const string HttpClientName = "gaia-x-registry";

    public static void AddHttpClient(IServiceCollection services) =>
        services.AddHttpClient(HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(20))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });

    public async Task<TrustAnchorAnswer> CheckAsync(string x5u, CancellationToken cancellationToken)
    {
        if (hub.DidWeb.Registry is not { } registry) return new(false, "no Gaia-X registry is configured (hub.didWeb.registry)");
        var endpoint = new Uri(registry.TrimEnd('/') + "/v2/api/trustAnchor/chain/file");
        if (!hub.AllowedFetchHosts.Contains(endpoint.Host, StringComparer.OrdinalIgnoreCase))
            return new(false, $"the registry host {endpoint.Host} is not in hub.allowedFetchHosts");
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).PostAsJsonAsync(endpoint, new { uri = x5u }, cancellationToken);
            return (int)response.StatusCode == 200
                ? new(true, $"{endpoint} lists the chain's root")
                : new(false, $"{endpoint} answered HTTP {(int)response.StatusCode} for {x5u}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new(false, $"{endpoint} could not be reached: {e.Message}");
        }
    }
}
