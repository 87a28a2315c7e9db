using System.Security.Cryptography.X509Certificates;
using ScsFederation.Core.Configuration;
using ScsFederation.Saml;

namespace ScsFederation.Hub.Saml;

/// <summary>
/// Reads one upstream's IdP metadata from its file, or from an https URL on an operator-allowed host (no
/// redirects, size-limited), checks its signature when a metadata signing certificate is configured, and refuses
/// metadata whose entityID is not the one pinned in the federation file (<c>entityId</c>).
/// </summary>
public static class SamlMetadataSource
{
    public const string HttpClientName = "saml-metadata";
    private const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>The client metadata is fetched with: no redirects (a redirect could leave the allowed host), short timeout.</summary>
    public static IServiceCollection AddHttpClient(IServiceCollection services)
    {
        services.AddHttpClient(HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(20))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }

    public static async Task<SamlIdentityProviderOptions> LoadAsync(UpstreamIdentityProvider upstream, HubSettings hub, IHttpClientFactory? http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(upstream.EntityId))
        {
            throw new SamlRejectionException(SamlRejectionReason.WrongIssuer, "no entityId is pinned for this SAML upstream in the federation file");
        }
        var options = new SamlMetadataReadOptions
        {
            // The pin: the reader picks this entity out of an aggregate and refuses metadata that describes another,
            // so an IdP cannot take on another upstream's issuer, at start-up or at a later refresh.
            EntityId = upstream.EntityId,
            MetadataSigningCertificate = upstream.MetadataSigningCertificate is null ? null : X509CertificateLoader.LoadCertificateFromFile(upstream.MetadataSigningCertificate),
        };
        SamlIdentityProviderMetadata metadata;
        if (Uri.TryCreate(upstream.Metadata, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            // Checked at load time too: the federation file may have changed since validation.
            if (!hub.AllowedFetchHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase) || http is null)
            {
                throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"{url.Host} is not in hub.allowedFetchHosts");
            }
            using var response = await http.CreateClient(HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new IOException($"{url} answered {(int)response.StatusCode}");
            }
            var body = await Core.Http.BoundedContent.ReadAsync(response, MaxBytes, () => new IOException($"{url} is larger than {MaxBytes} bytes"), cancellationToken);
            metadata = SamlMetadataReader.Read(body, options);
        }
        else
        {
            metadata = await SamlMetadataReader.ReadFileAsync(upstream.Metadata!, options, cancellationToken);
        }

        return SamlIdentityProviderOptions.FromMetadata(metadata) with
        {
            AllowUnsolicited = upstream.AllowUnsolicited,
            AllowSha1 = upstream.AllowSha1,
            AllowCbcEncryption = upstream.AllowCbcEncryption,
            ClockSkew = TimeSpan.FromSeconds(hub.ClockSkewSeconds),
            RequestedNameIdFormat = upstream.NameIdFormat,
        };
    }
}
