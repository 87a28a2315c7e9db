using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ScsFederation.Core.Configuration;
using ScsFederation.Core.Files;
using ScsFederation.Hub.Keys;
using ScsFederation.Saml;

namespace ScsFederation.Hub.Saml;

/// <summary>
/// The hub as a SAML service provider: its entity id (<c>&lt;issuer&gt;/saml/metadata</c>), one ACS per upstream
/// (<c>&lt;issuer&gt;/saml/acs/&lt;id&gt;</c>), its signing certificate, and each upstream IdP read from metadata at start-up.
/// </summary>
public sealed class SamlServiceProvider
{
    private volatile System.Collections.Immutable.ImmutableDictionary<string, SamlIdentityProviderOptions> _upstreams;

    private SamlServiceProvider(SamlServiceProviderOptions options, IReadOnlyDictionary<string, SamlIdentityProviderOptions> upstreams)
    {
        Options = options;
        _upstreams = upstreams.ToImmutableDictionary(StringComparer.Ordinal);
    }

    public SamlServiceProviderOptions Options { get; }

    public IReadOnlyDictionary<string, SamlIdentityProviderOptions> Upstreams => _upstreams;

    /// <summary>Swaps in freshly read metadata for one upstream; readers see the old or the new set, never a mix.</summary>
    public void Replace(string upstreamId, SamlIdentityProviderOptions idp) => _upstreams = _upstreams.SetItem(upstreamId, idp);

    public static string AcsUrl(string issuer, string upstreamId) => $"{issuer}/saml/acs/{upstreamId}";

    public static async Task<SamlServiceProvider> LoadAsync(FederationConfig config, KeyEncryptionKey kek, IHttpClientFactory? http, CancellationToken cancellationToken)
    {
        var issuer = config.Hub.Issuer;
        var saml = config.Upstreams.Where(u => u.Type == UpstreamTypes.Saml).ToList();
        var certificate = LoadOrCreateCertificate(config.Hub, kek);
        var sp = new SamlServiceProviderOptions
        {
            EntityId = issuer + "/saml/metadata",
            AssertionConsumerServiceUrls = [.. saml.Select(u => AcsUrl(issuer, u.Id))],
            SigningCertificate = certificate,
            // One key pair for signing and for encrypted assertions, as most SAML SPs publish.
            EncryptionCertificate = certificate,
            SingleLogoutServiceUrl = issuer + "/saml/slo",
        };

        var upstreams = new Dictionary<string, SamlIdentityProviderOptions>(StringComparer.Ordinal);
        var errors = new List<ConfigError>();
        foreach (var upstream in saml)
        {
            var at = $"/upstreams/{config.Upstreams.IndexOf(upstream)}";
            try
            {
                upstreams[upstream.Id] = await SamlMetadataSource.LoadAsync(upstream, config.Hub, http, cancellationToken);
            }
            catch (SamlRejectionException ex) when (ex.Reason == SamlRejectionReason.WrongIssuer)
            {
                errors.Add(new ConfigError(at + "/entityId", $"{upstream.Metadata}: {ex.Message}"));
            }
            catch (Exception ex) when (ex is SamlRejectionException or IOException or HttpRequestException or System.Xml.XmlException or CryptographicException)
            {
                errors.Add(new ConfigError(at + "/metadata", $"{upstream.Metadata}: {ex.Message}"));
            }
        }
        if (errors.Count > 0) throw new FederationConfigException(config.SourcePath ?? "federation file", errors);
        return new SamlServiceProvider(sp, upstreams);
    }

    /// <summary>The SP's own key pair, generated once into the data folder, protected with a key derived from the key-encryption key.</summary>
    private static X509Certificate2 LoadOrCreateCertificate(HubSettings hub, KeyEncryptionKey kek)
    {
        OwnerOnlyFiles.EnsureFolder(hub.DataFolder);
        var file = Path.Combine(hub.DataFolder, "saml-sp.pfx");
        var password = Convert.ToBase64String(kek.Derive("saml-sp-pkcs12"));
        if (!File.Exists(file))
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest($"CN={new Uri(hub.Issuer).Host} SAML SP (ScsFederation)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
            OwnerOnlyFiles.TryCreate(file, cert.Export(X509ContentType.Pkcs12, password));
        }
        return X509CertificateLoader.LoadPkcs12FromFile(file, password, X509KeyStorageFlags.EphemeralKeySet);
    }
}
