using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;
using ScsFederation.Hub.Http;
using ScsFederation.Hub.Login;

namespace ScsFederation.Hub.Saml;

/// <summary>
/// Binds every SP-initiated SAML login to the browser that started it. The AuthnRequest id alone is kept only
/// server-side, so without this an attacker could start a login in their own browser, have their IdP answer it,
/// and auto-post that valid SAMLResponse into a victim's browser (login CSRF: the victim works in the attacker's
/// account). The login leaves a short-lived, encrypted cookie named after the request id; the ACS accepts an
/// answer to a request (InResponseTo) only from the browser holding that request's cookie, and spends it.
/// Unsolicited responses carry no request id and stay governed by the upstream's <c>allowUnsolicited</c>.
/// </summary>
public sealed class SamlBrowserBinding(HubCookies cookies, IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>The stable refusal code the ACS answers with when the binding is missing or wrong.</summary>
    public const string RefusalCode = "not_bound_to_browser";

    private const string Purpose = "ScsFederation.Saml.BrowserBinding.v1";
    private const string AcsPath = "/saml/acs/";

    private sealed record Binding(string UpstreamId, string RequestId, DateTimeOffset CreatedAt);

    public void Issue(HttpContext http, string upstreamId, string requestId)
    {
        var value = protection.CreateProtector(Purpose).Protect(JsonSerializer.Serialize(new Binding(upstreamId, requestId, clock.GetUtcNow())));
        http.Response.Cookies.Append(CookieName(requestId), value, cookies.Flow(AcsPath, UpstreamLoginState.Lifetime, crossSitePost: true));
    }

    /// <summary>True when this browser started request <paramref name="inResponseTo"/> at <paramref name="upstreamId"/> within the login lifetime; spends the cookie either way.</summary>
    public bool Check(HttpContext http, string upstreamId, string inResponseTo)
    {
        var name = CookieName(inResponseTo);
        var cookie = http.Request.Cookies[name];
        http.Response.Cookies.Delete(name, cookies.Delete(AcsPath));
        var binding = cookie is null ? null : Read(cookie);
        return binding is not null
               && SecretComparison.AreEqual(binding.RequestId, inResponseTo)
               && string.Equals(binding.UpstreamId, upstreamId, StringComparison.Ordinal)
               && clock.GetUtcNow() - binding.CreatedAt <= UpstreamLoginState.Lifetime;
    }

    private Binding? Read(string cookie)
    {
        try
        {
            return JsonSerializer.Deserialize<Binding>(protection.CreateProtector(Purpose).Unprotect(cookie));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException)
        {
            return null;
        }
    }

    // Named after the request, so two logins started in parallel in one browser do not overwrite each other.
    private string CookieName(string requestId) =>
        cookies.Name("scsfed.saml." + Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(requestId)))[..16]);
}
