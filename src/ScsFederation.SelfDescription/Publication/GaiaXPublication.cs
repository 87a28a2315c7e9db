using ScsFederation.Core.Configuration;
using ScsFederation.Credentials.Jwt;
using ScsFederation.Gxdch;
using ScsFederation.Gxdch.Compliance;
using ScsFederation.Gxdch.Did;
using ScsFederation.Gxdch.Notary;
using ScsFederation.Gxdch.Transport;
using ScsFederation.Provisioning.Keystone;

namespace ScsFederation.SelfDescription.Publication;

/// <summary>
/// The publication as the federation file configures it (<c>hub.gaiaX</c>), shared by the hub's republication service
/// and <c>scsfed sd publish</c>/<c>submit</c>: the outbound policy (only <c>hub.allowedFetchHosts</c>; plain http only
/// when the operator configured a loopback service), the notary and compliance clients pinned to their DIDs, the
/// profile, and the build of a provider's set from its entry and its cloud with the hash of those inputs.
/// </summary>
public static class GaiaXPublication
{
    public static OutboundPolicy Policy(HubSettings hub) => new()
    {
        AllowedHosts = hub.AllowedFetchHosts,
        AllowHttpLoopback = new[] { hub.GaiaX.Notary?.Url, hub.GaiaX.Compliance?.Url }
            .Any(u => u is not null && Uri.TryCreate(u, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttp && url.IsLoopback),
    };

    public static VcJwtProfile Profile(HubSettings hub) =>
        VcJwtProfile.ByName(hub.GaiaX.Profile) ?? throw new FederationConfigException("hub.gaiaX", [new ConfigError("/hub/gaiaX/profile", $"unknown profile {hub.GaiaX.Profile}")]);

    public static ProviderPublisher CreatePublisher(FederationConfig config, HttpClient http, IPublicationStore store, CredentialShapes shapes, TimeProvider? clock = null)
    {
        var gaiaX = config.Hub.GaiaX;
        var policy = Policy(config.Hub);
        var pinned = new Dictionary<string, Credentials.Keys.IVerificationKeySource>(StringComparer.Ordinal);
        foreach (var service in new GxdchServiceSettings?[] { gaiaX.Notary, gaiaX.Compliance })
            if (service?.Jwks is { } jwks) pinned[service.Did] = Credentials.Keys.JwksKeySource.Parse(File.ReadAllText(jwks));
        var check = new PinnedIssuerCheck(new DidWebResolver(http, policy, clock), pinnedKeys: pinned);
        var notary = gaiaX.Notary is { } n ? new NotaryClient(http, new GxdchServiceOptions(new Uri(n.Url), n.Did), policy, check) : null;
        var compliance = gaiaX.Compliance is { } c ? new ComplianceClient(http, new GxdchServiceOptions(new Uri(c.Url), c.Did), policy, check) : null;
        return new ProviderPublisher(notary, compliance, shapes, store, new PublisherOptions
        {
            Profile = Profile(config.Hub), ComplianceLevel = gaiaX.Compliance?.Level ?? ComplianceLevel.Standard, Clock = clock ?? TimeProvider.System,
        });
    }

    /// <summary>Reads the provider's cloud and builds its unsigned set; the hash says what it was built from.</summary>
    /// <exception cref="KeystoneApiException">The Keystone could not be read (so nothing is published as "no services").</exception>
    public static async Task<(ProviderCredentialSet Set, string InputHash)> BuildAsync(FederationConfig config, CloudProvider provider, DateTimeOffset now,
        Func<KeystoneSettings, KeystoneClient>? keystoneFactory = null, CancellationToken cancellationToken = default)
    {
        var issuer = config.Hub.CanonicalIssuer;
        var inventory = await CloudDiscovery.DiscoverAsync(provider, issuer, keystoneFactory, cancellationToken);
        var set = new ProviderCredentialBuilder(issuer) { Validity = TimeSpan.FromDays(config.Hub.GaiaX.ValidityDays) }.Build(provider, inventory, now);
        return (set, PublicationInputs.Hash(provider, inventory, config.Hub.GaiaX.Profile, issuer, config.Hub.GaiaX.ValidityDays));
    }
}
