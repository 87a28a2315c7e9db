using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace ScsFederation.Hub.Login;

/// <summary>The hub's own browser session (a cookie) after an upstream login.</summary>
public static class HubSession
{
    public const string Scheme = "ScsFederation.Session";
    public const string AccountIdClaim = "account_id";
    public const string UpstreamIdClaim = "upstream_id";

    public const string SamlNameIdClaim = "saml_name_id";
    public const string SamlNameIdFormatClaim = "saml_name_id_format";
    public const string SamlSessionIndexClaim = "saml_session_index";

    public static ClaimsPrincipal Create(string accountId, string upstreamId, params Claim[] extra) =>
        new(new ClaimsIdentity([new Claim(AccountIdClaim, accountId), new Claim(UpstreamIdClaim, upstreamId), .. extra], Scheme));

    public static string? AccountId(ClaimsPrincipal? principal) => principal?.FindFirst(AccountIdClaim)?.Value;

    /// <summary>The account of the browser's hub session, or null when it has none.</summary>
    public static async Task<string?> AccountIdAsync(HttpContext http)
    {
        var auth = await http.AuthenticateAsync(Scheme);
        return auth.Succeeded ? AccountId(auth.Principal) : null;
    }
}
