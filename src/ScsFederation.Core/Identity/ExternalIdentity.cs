namespace ScsFederation.Core.Identity;

/// <summary>
/// A person as an upstream identity provider vouched for them, after the upstream's response was validated:
/// OIDC ID token or SAML assertion. Claims are multi-valued (SAML attributes, OIDC arrays such as groups).
/// </summary>
public sealed record ExternalIdentity(
    string UpstreamId,
    string Issuer,
    string Subject,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Claims)
{
    public string? FirstClaim(string type) =>
        Claims.TryGetValue(type, out var values) && values.Count > 0 ? values[0] : null;
}
