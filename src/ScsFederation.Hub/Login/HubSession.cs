using System.Security.Claims;

namespace ScsFederation.Hub.Login;

/// <summary>The hub's own browser session (a cookie) after an upstream login.</summary>
public static class HubSession
{
    public const string Scheme = "ScsFederation.Session";
    public const string AccountIdClaim = "account_id";
    public const string UpstreamIdClaim = "upstream_id";

    public static ClaimsPrincipal Create(string accountId, string upstreamId) =>
        new(new ClaimsIdentity([new Claim(AccountIdClaim, accountId), new Claim(UpstreamIdClaim, upstreamId)], Scheme));

    public static string? AccountId(ClaimsPrincipal? principal) => principal?.FindFirst(AccountIdClaim)?.Value;
}
