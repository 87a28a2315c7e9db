namespace ScsFederation.Mapping;

/// <summary>
/// What the hub itself vouches for about a login, as opposed to what the upstream claims: the configured upstream
/// id the login was verified against, the hub's subject and issuer, the per-upstream username and the email only
/// when it is verified for that upstream. These replace any upstream claim of the same name.
/// </summary>
/// <param name="Email">Null when the upstream's address is not inside its <c>emailDomains</c> (not vouched for).</param>
public sealed record HubAssertedFacts(string UpstreamId, string Issuer, string Subject, string Username, string? Email);
