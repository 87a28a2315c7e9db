using Microsoft.IdentityModel.Tokens;

namespace ScsFederation.Hub.Upstreams;

/// <summary>What the hub needs from an upstream's discovery document and JWKS.</summary>
public sealed record OidcUpstreamMetadata(
    string Issuer,
    string AuthorizationEndpoint,
    string TokenEndpoint,
    string? UserinfoEndpoint,
    string JwksUri,
    IReadOnlyList<SecurityKey> SigningKeys,
    DateTimeOffset FetchedAt);
