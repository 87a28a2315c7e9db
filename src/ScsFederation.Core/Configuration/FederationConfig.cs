using System.Text.Json.Serialization;

namespace ScsFederation.Core.Configuration;

/// <summary>
/// The federation file: the hub's own settings, the upstream identity providers people log in with,
/// the providers (clouds) that trust the hub, and the downstream OIDC clients. Loaded and validated by
/// <see cref="FederationFileReader"/>; relative file paths are already resolved against the file's folder.
/// </summary>
public sealed class FederationConfig
{
    public HubSettings Hub { get; set; } = new();

    public List<UpstreamIdentityProvider> Upstreams { get; set; } = [];

    public List<CloudProvider> Providers { get; set; } = [];

    public List<DownstreamClient> Clients { get; set; } = [];

    /// <summary>Absolute path of the file this configuration was read from (null when built in code).</summary>
    [JsonIgnore]
    public string? SourcePath { get; set; }

    public UpstreamIdentityProvider? FindUpstream(string id) =>
        Upstreams.Find(u => string.Equals(u.Id, id, StringComparison.Ordinal));

    public CloudProvider? FindProvider(string id) =>
        Providers.Find(p => string.Equals(p.Id, id, StringComparison.Ordinal));
}

public sealed class HubSettings
{
    /// <summary>
    /// The hub's issuer URL as a base for its endpoints: normalised at load to carry no trailing slash, so
    /// <c>Issuer + "/saml/acs/x"</c> is well formed. Not the <c>iss</c> value: that is <see cref="CanonicalIssuer"/>.
    /// </summary>
    public string Issuer { get; set; } = "";

    /// <summary>
    /// The issuer identifier exactly as the hub's OpenID Provider states it — in discovery and in every token's
    /// <c>iss</c> (OpenIddict writes <see cref="Uri.AbsoluteUri"/> of the issuer, so <c>http://h:8085</c> becomes
    /// <c>http://h:8085/</c>). Relying parties compare <c>iss</c> byte for byte (kube-apiserver's <c>issuer.url</c>,
    /// Keystone's remote ids): everything the hub writes for them uses this one string.
    /// </summary>
    [JsonIgnore]
    public string CanonicalIssuer => CanonicalIssuerOf(Issuer);

    /// <summary>The issuer of the built-in demo upstream's identities: below the hub's own, so no external IdP can hold it.</summary>
    [JsonIgnore]
    public string DemoIssuer => Issuer + "/demo";

    /// <summary>What OpenIddict makes of a configured issuer (see <see cref="CanonicalIssuer"/>).</summary>
    public static string CanonicalIssuerOf(string issuer) =>
        Uri.TryCreate(issuer, UriKind.Absolute, out var uri) ? uri.AbsoluteUri : issuer;

    /// <summary>Folder for the embedded database and generated files; relative to the federation file.</summary>
    public string DataFolder { get; set; } = "data";

    public StorageSettings Storage { get; set; } = new();

    public SigningSettings Signing { get; set; } = new();

    public TokenLifetimes Tokens { get; set; } = new();

    /// <summary>Maximum accepted clock difference when checking upstream tokens and assertions.</summary>
    public int ClockSkewSeconds { get; set; } = 120;

    public DemoSettings Demo { get; set; } = new();

    /// <summary>Hosts from which JSON-LD contexts or SAML metadata may be fetched at run time, and on which an OIDC upstream's discovered endpoints may lie besides its authority's host; empty = offline only.</summary>
    public List<string> AllowedFetchHosts { get; set; } = [];

    /// <summary>Bearer token for the admin API; from the environment in production (<c>${env:NAME}</c>).</summary>
    public string? AdminToken { get; set; }

    public ProvisioningSettings Provisioning { get; set; } = new();

    /// <summary>Minutes between purges of expired rows (pending SAML requests, SAML replay entries, OpenIddict tokens and authorizations).</summary>
    public int PurgeIntervalMinutes { get; set; } = 15;

    public RateLimitSettings RateLimits { get; set; } = new();

    public SessionSettings Session { get; set; } = new();

    /// <summary>Who operates the hub itself (<see cref="AdministratorSettings"/>).</summary>
    public AdministratorSettings Administrators { get; set; } = new();

    /// <summary>Logs, metrics, traces and shutdown (<see cref="OperationsSettings"/>).</summary>
    public OperationsSettings Operations { get; set; } = new();
    /// <summary>Credential issuers: keys, did:web documents, x5u chains (<see cref="DidWebSettings"/>).</summary>
    public DidWebSettings DidWeb { get; set; } = new();
    /// <summary>Publication of the providers' Gaia-X credentials (<see cref="GaiaXPublicationSettings"/>).</summary>
    public GaiaXPublicationSettings GaiaX { get; set; } = new();
}

/// <summary>When the hub itself reconciles providers; the CLI and the admin API work whatever is set here.</summary>
public sealed class ProvisioningSettings
{
    /// <summary>Just-in-time run for the account on every Keystone provider after each login, in the background.</summary>
    public bool OnLogin { get; set; }

    /// <summary>Minutes between scheduled runs of every provider; 0 = no schedule.</summary>
    public int IntervalMinutes { get; set; }

    /// <summary>Keystone requests in flight at once per provider.</summary>
    public int MaxParallelism { get; set; } = 4;

    /// <summary>How long an instance holds a provider's run lease without renewing it; a crashed holder frees it after this.</summary>
    public int LeaseSeconds { get; set; } = 120;
}

public sealed class StorageSettings
{
    /// <summary><c>sqlite</c> (embedded default) or <c>postgresql</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Connection string; for sqlite defaults to <c>hub.db</c> in the data folder.</summary>
    public string? ConnectionString { get; set; }
}

public sealed class SigningSettings
{
    /// <summary>Days a signing key signs before the next one takes over.</summary>
    public int RotationDays { get; set; } = 30;

    /// <summary>Days a new key is published in JWKS before it signs, so relying parties can cache it.</summary>
    public int PrepublishDays { get; set; } = 2;

    /// <summary>Key protecting private signing keys at rest (base64, 32 bytes); generated in the data folder when absent.</summary>
    public string? KeyEncryptionKey { get; set; }
}

public sealed class TokenLifetimes
{
    public int AccessTokenMinutes { get; set; } = 60;
    public int IdTokenMinutes { get; set; } = 20;
    public int RefreshTokenDays { get; set; } = 14;
    public int AuthorizationCodeSeconds { get; set; } = 300;
    public int DeviceCodeMinutes { get; set; } = 10;

    /// <summary>
    /// Hours after the person's last login at the upstream within which a provider client may still refresh; after
    /// that the hub asks the upstream again, so someone removed upstream loses the provider's grants.
    /// </summary>
    public int ReauthenticateUpstreamHours { get; set; } = 12;
}

/// <summary>A built-in upstream with local demo accounts, so a person can log in with no other server.</summary>
public sealed class DemoSettings
{
    public bool Enabled { get; set; }

    public List<DemoUser> Users { get; set; } = [];
}

public sealed class DemoUser
{
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
    public string? Email { get; set; }
    public string? Name { get; set; }
    public List<string> Groups { get; set; } = [];
}

public static class UpstreamTypes
{
    public const string Oidc = "oidc";
    public const string Saml = "saml";
}

public sealed class UpstreamIdentityProvider
{
    public string Id { get; set; } = "";

    /// <summary><c>oidc</c> or <c>saml</c>.</summary>
    public string Type { get; set; } = UpstreamTypes.Oidc;

    public string? DisplayName { get; set; }

    /// <summary>Email domains whose users are sent to this upstream (home-realm discovery).</summary>
    public List<string> EmailDomains { get; set; } = [];

    // OIDC
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public List<string> Scopes { get; set; } = ["openid", "email", "profile"];
    /// <summary>Signature algorithms accepted for upstream ID tokens.</summary>
    public List<string> AllowedAlgorithms { get; set; } = ["RS256", "ES256", "PS256"];
    /// <summary>Claims copied from the upstream identity onto the account; empty = all.</summary>
    public List<string> ClaimsToKeep { get; set; } = [];
    /// <summary>Allow plain-http authorities: loopback only (a non-loopback authority with it is a configuration error).</summary>
    public bool AllowHttp { get; set; }

    // SAML
    /// <summary>
    /// The IdP's entityID as the operator expects it (required for SAML). Metadata naming another entity is refused at
    /// load and at every refresh, so an IdP cannot start speaking with another upstream's issuer.
    /// </summary>
    public string? EntityId { get; set; }
    /// <summary>IdP metadata file (relative to the federation file) or URL (fetched only from allowed hosts).</summary>
    public string? Metadata { get; set; }
    /// <summary>Certificate (file) that must have signed the metadata; unsigned or otherwise signed metadata is refused.</summary>
    public string? MetadataSigningCertificate { get; set; }
    /// <summary>How often the metadata is read again (key rollover at the IdP).</summary>
    public int MetadataRefreshHours { get; set; } = 24;
    public bool AllowUnsolicited { get; set; }
    public bool AllowSha1 { get; set; }
    /// <summary>Accept AES-CBC encrypted assertions from this IdP (default: AES-GCM only; CBC is open to padding oracles).</summary>
    public bool AllowCbcEncryption { get; set; }
    public bool SignAuthnRequests { get; set; } = true;
    public string? NameIdFormat { get; set; }
    /// <summary>SAML attribute name or friendly name → claim name.</summary>
    public Dictionary<string, string> AttributeMap { get; set; } = [];
}

public sealed class CloudProvider
{
    public string Id { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary>Mapping rules (Keystone OS-FEDERATION format with the Kubernetes extension), a file path.</summary>
    public string? Mapping { get; set; }

    /// <summary>Upstream ids whose users this provider may grant anything; null = every upstream (see docs/decisions.md, isolation).</summary>
    public List<string>? Upstreams { get; set; }

    /// <summary>Whether the provider accepts users of this upstream at all (no grants otherwise, whatever the rules say).</summary>
    public bool Accepts(string upstreamId) => Upstreams is null || Upstreams.Contains(upstreamId, StringComparer.Ordinal);

    public KeystoneSettings? Keystone { get; set; }

    public KubernetesSettings? Kubernetes { get; set; }

    /// <summary>Domains, projects and groups the hub creates and owns on this provider whatever the mappings say.</summary>
    public List<DeclaredDomain> Domains { get; set; } = [];

    /// <summary>What the provider publishes as Gaia-X self-descriptions (absent: nothing is published).</summary>
    public GaiaXProviderSettings? GaiaX { get; set; }
}

public sealed class KeystoneSettings
{
    /// <summary>Keystone v3 endpoint, e.g. <c>https://keystone.example/v3</c>.</summary>
    public string Url { get; set; } = "";

    public KeystoneAdminCredentials Admin { get; set; } = new();

    /// <summary>Identity provider id of the hub inside this Keystone.</summary>
    public string IdentityProviderId { get; set; } = "scsfed-hub";

    public string Protocol { get; set; } = "openid";

    /// <summary>Domain that federated users and the identity provider belong to.</summary>
    public string? Domain { get; set; }

    /// <summary>Mapping id in Keystone; defaults to <c>&lt;identityProviderId&gt;-mapping</c>.</summary>
    public string? MappingId { get; set; }

    /// <summary>Public origin of the Keystone (Apache/mod_auth_openidc) for WebSSO and clouds.yaml.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Downstream client id this Keystone's mod_auth_openidc uses at the hub.</summary>
    public string? ClientId { get; set; }

    /// <summary>Cap on one Keystone response body, in MiB (default 16).</summary>
    public int MaxResponseMegabytes { get; set; } = 16;
}

public sealed class KeystoneAdminCredentials
{
    public string Username { get; set; } = "admin";
    public string UserDomain { get; set; } = "Default";
    public string Project { get; set; } = "admin";
    public string ProjectDomain { get; set; } = "Default";
    public string? Password { get; set; }
    public string? ApplicationCredentialId { get; set; }
    public string? ApplicationCredentialSecret { get; set; }
}

public sealed class KubernetesSettings
{
    /// <summary>Cluster name used in mapping rules' <c>kubernetes.cluster</c>.</summary>
    public string Cluster { get; set; } = "";

    /// <summary>API server URL; absent = manifests only (GitOps).</summary>
    public string? ApiServer { get; set; }

    public string? Kubeconfig { get; set; }

    /// <summary>Audience (client id) the kube-apiserver expects in hub tokens.</summary>
    public string? Audience { get; set; }

    /// <summary>Prefix the apiserver puts before OIDC groups (claimMappings.groups.prefix).</summary>
    public string GroupPrefix { get; set; } = "oidc:";

    public string UsernamePrefix { get; set; } = "oidc:";
}

public sealed class DeclaredDomain
{
    public string Name { get; set; } = "";
    public List<string> Projects { get; set; } = [];
    public List<string> Groups { get; set; } = [];
}

public static class ClientTypes
{
    public const string Confidential = "confidential";
    public const string Public = "public";
}

public sealed class DownstreamClient
{
    public string ClientId { get; set; } = "";
    public string? ClientSecret { get; set; }
    public string Type { get; set; } = ClientTypes.Confidential;
    public string? DisplayName { get; set; }
    public List<string> RedirectUris { get; set; } = [];
    public List<string> PostLogoutRedirectUris { get; set; } = [];
    /// <summary>OpenID Connect Back-Channel Logout: the hub POSTs a signed logout token here when the person signs out at the hub.</summary>
    public string? BackchannelLogoutUri { get; set; }
    /// <summary><c>none</c> (redirects only) or <c>explicit</c> (the person confirms on a consent page).</summary>
    public string Consent { get; set; } = "explicit";
    /// <summary>RS256 or ES256.</summary>
    public string IdTokenAlgorithm { get; set; } = "RS256";
    /// <summary><c>authorization_code</c>, <c>refresh_token</c>, <c>client_credentials</c>, <c>device_code</c>.</summary>
    public List<string> GrantTypes { get; set; } = ["authorization_code", "refresh_token"];
    public List<string> Scopes { get; set; } = ["openid", "email", "profile", "groups", "offline_access"];
    /// <summary>Provider whose mapped grants go into this client's tokens.</summary>
    public string? Provider { get; set; }
}

/// <summary>Requests per client IP address and window on the login and token endpoints; more answer 429 with Retry-After.</summary>
public sealed class RateLimitSettings
{
    /// <summary>Login pages, upstream callbacks, SAML login and ACS, demo login and device-code confirmation (password and code guessing).</summary>
    public RateLimit Login { get; set; } = new() { PermitLimit = 30, WindowSeconds = 60 };

    /// <summary>Token, device authorization, introspection and revocation endpoints (machines refresh often; guessing secrets is slowed down).</summary>
    public RateLimit Token { get; set; } = new() { PermitLimit = 300, WindowSeconds = 60 };
}

public sealed class RateLimit
{
    public int PermitLimit { get; set; }
    public int WindowSeconds { get; set; }
}

/// <summary>
/// Operators of the hub: a mapping file in Keystone's rule format, evaluated on the same claims view as every
/// provider's rules; an account whose result has a group named <c>federation-admin</c> holds the hub role of that
/// name. Tokens carry the role only for clients that request the <c>federation-admin</c> scope (which a client must
/// list in its <c>scopes</c>), and the admin API accepts them besides the bootstrap <c>adminToken</c>.
/// </summary>
public sealed class AdministratorSettings
{
    /// <summary>Path of the rule file (relative to the federation file); none = only the bootstrap token administers.</summary>
    public string? Mapping { get; set; }
}

/// <summary>How the hub is run: log format, telemetry export, graceful shutdown.</summary>
public sealed class OperationsSettings
{
    /// <summary><c>text</c> (default, for people) or <c>json</c> (one JSON object a line, for log collectors).</summary>
    public string LogFormat { get; set; } = "text";

    /// <summary>Seconds a stopping hub waits for requests in flight (logins, token requests) before it ends them.</summary>
    public int ShutdownSeconds { get; set; } = 30;

    /// <summary>Port of a second listener that serves only the Prometheus scrape endpoint <c>/metrics</c>; none when unset.</summary>
    public int? PrometheusPort { get; set; }

    /// <summary>Address the Prometheus listener binds (default loopback; <c>0.0.0.0</c> in a pod).</summary>
    public string PrometheusHost { get; set; } = "127.0.0.1";

    /// <summary>OTLP collector (gRPC, e.g. <c>http://otel-collector:4317</c>) that metrics and traces are pushed to; none when unset.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>
    /// Addresses or CIDR ranges of reverse proxies / ingress controllers that terminate TLS in front of the hub: only
    /// their <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> are believed. Empty (default) = no proxy is trusted.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}

/// <summary>The hub's browser session: sliding while in use, but never longer than <see cref="AbsoluteHours"/> after the login.</summary>
public sealed class SessionSettings
{
    public int AbsoluteHours { get; set; } = 12;
}
