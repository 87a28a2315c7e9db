using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Accounts;
using ScsFederation.Hub.Login;
using ScsFederation.Mapping;
using ScsFederation.Storage.Entities;

namespace ScsFederation.Hub.Grants;

/// <summary>
/// What the hub vouches for about an account (<see cref="HubAssertedFacts"/>), whatever its upstream claims: the
/// configured upstream id, a username unique per upstream, and the email only inside that upstream's emailDomains.
/// </summary>
public static class UpstreamFacts
{
    public static HubAssertedFacts For(FederationConfig config, UserAccount account) => For(config, account, AccountLinker.ReadClaims(account));

    /// <summary>
    /// The one claims view mapping rules see (<see cref="MappingAssertion"/>): the upstream's claims as Keystone would
    /// see them through mod_auth_openidc, with these facts (<c>OIDC-idp</c>, username, verified email) on top. Used
    /// for every rule set the hub evaluates on an account: providers' and the administrators'.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Assertion(FederationConfig config, UserAccount account)
    {
        var claims = AccountLinker.ReadClaims(account);
        return MappingAssertion.Build(claims, For(config, account, claims));
    }

    private static HubAssertedFacts For(FederationConfig config, UserAccount account, IReadOnlyDictionary<string, IReadOnlyList<string>> claims) =>
        new(account.UpstreamId, config.Hub.CanonicalIssuer, account.Id, Username(account, claims), VerifiedEmail(config, account, claims));

    /// <summary>
    /// <c>&lt;preferred_username&gt;@&lt;upstream id&gt;</c> (the upstream subject when it names none): two upstreams
    /// that both say <c>alice</c> hand providers two different users.
    /// </summary>
    public static string Username(UserAccount account, IReadOnlyDictionary<string, IReadOnlyList<string>> claims)
    {
        var local = claims.TryGetValue("preferred_username", out var v) && v.Count > 0 && v[0].Length > 0 ? v[0] : account.UpstreamSubject;
        return local + "@" + account.UpstreamId;
    }

    /// <summary>
    /// The account's email when its domain is one of the upstream's <c>emailDomains</c> and the upstream did not say
    /// it is unverified; null otherwise. Demo accounts are written by the operator into the federation file.
    /// </summary>
    public static string? VerifiedEmail(FederationConfig config, UserAccount account, IReadOnlyDictionary<string, IReadOnlyList<string>> claims)
    {
        if (account.Email is not { } email) return null;
        if (account.UpstreamId == HomeRealmDiscovery.DemoUpstreamId && config.FindUpstream(account.UpstreamId) is null) return config.Hub.Demo.Enabled ? email : null;
        if (claims.TryGetValue("email_verified", out var said) && said.Count > 0 && !string.Equals(said[0], "true", StringComparison.OrdinalIgnoreCase)) return null;
        var at = email.LastIndexOf('@');
        if (at < 0) return null;
        var domain = email[(at + 1)..];
        var upstream = config.FindUpstream(account.UpstreamId);
        return upstream is not null && upstream.EmailDomains.Contains(domain, StringComparer.OrdinalIgnoreCase) ? email : null;
    }
}
