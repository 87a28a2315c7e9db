using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;

namespace ScsFederation.Hub.Login;

/// <summary>
/// What the hub remembers between sending a browser to an upstream and its return: kept in a short-lived,
/// encrypted, single-use cookie named after the state, so parallel logins in one browser do not clash.
/// </summary>
public sealed record UpstreamLoginState(string UpstreamId, string State, string Nonce, string CodeVerifier, string ReturnUrl, DateTimeOffset CreatedAt)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const string Purpose = "ScsFederation.UpstreamLoginState.v1";

    public static UpstreamLoginState Create(string upstreamId, string returnUrl, DateTimeOffset now) =>
        new(upstreamId, Random(), Random(), Random(), returnUrl, now);

    public static string CookieName(string state) =>
        "scsfed.login." + Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(state)))[..16];

    public string Protect(IDataProtectionProvider protection) =>
        protection.CreateProtector(Purpose).Protect(JsonSerializer.Serialize(this));

    public static UpstreamLoginState? Unprotect(IDataProtectionProvider protection, string value)
    {
        try
        {
            return JsonSerializer.Deserialize<UpstreamLoginState>(protection.CreateProtector(Purpose).Unprotect(value));
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Random() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
}
