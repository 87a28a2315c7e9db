using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ScsFederation.Interop.Tests.Infrastructure;

/// <summary>
/// A relying party speaking the token endpoint's wire format directly (form posts, JSON answers), for tests that
/// send many requests at once or need the raw error: the browser part goes through the real upstream like rp.mjs.
/// </summary>
public sealed class CodeFlowClient(string hub, string clientId, string clientSecret) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Signs <paramref name="person"/> in at the upstream and returns the authorization code and its PKCE verifier.</summary>
    public async Task<(string Code, string Verifier)> AuthorizeAsync(string person, string scope)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var url = $"{hub}/connect/authorize?client_id={clientId}&response_type=code&scope={Uri.EscapeDataString(scope)}" +
                  $"&redirect_uri={Uri.EscapeDataString(BrokerFixture.RpRedirect)}&code_challenge={challenge}&code_challenge_method=S256" +
                  $"&state=s&nonce=n&idp=peer&login_hint={Uri.EscapeDataString(person)}";
        using var browser = new BrowserSession();
        var (callback, _) = await browser.FollowAsync(url, u => u.StartsWith(BrokerFixture.RpRedirect, StringComparison.Ordinal));
        var code = System.Web.HttpUtility.ParseQueryString(new Uri(callback).Query)["code"]
                   ?? throw new InvalidOperationException("no code in " + callback);
        return (code, verifier);
    }

    public Task<TokenAnswer> RedeemCodeAsync(string code, string verifier) => PostAsync(new()
    {
        ["grant_type"] = "authorization_code", ["code"] = code, ["code_verifier"] = verifier, ["redirect_uri"] = BrokerFixture.RpRedirect,
    });

    public Task<TokenAnswer> RefreshAsync(string refreshToken) => PostAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    public async Task<JsonElement> IntrospectAsync(string token)
    {
        using var response = await _http.PostAsync(hub + "/connect/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token, ["client_id"] = clientId, ["client_secret"] = clientSecret,
        }));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Sends <paramref name="count"/> copies of one request as close together as the machine allows.</summary>
    public static async Task<TokenAnswer[]> AllAtOnceAsync(int count, Func<Task<TokenAnswer>> request)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var all = Enumerable.Range(0, count).Select(async _ => { await start.Task; return await request(); }).ToArray();
        start.SetResult();
        return await Task.WhenAll(all);
    }

    private async Task<TokenAnswer> PostAsync(Dictionary<string, string> form)
    {
        form["client_id"] = clientId;
        form["client_secret"] = clientSecret;
        using var response = await _http.PostAsync(hub + "/connect/token", new FormUrlEncodedContent(form));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return new TokenAnswer(response.StatusCode, body);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose() => _http.Dispose();
}

/// <summary>One token endpoint answer: the status and the JSON body (tokens, or error and error_description).</summary>
public sealed record TokenAnswer(HttpStatusCode Status, JsonElement Body)
{
    public bool Ok => Status == HttpStatusCode.OK;

    public string? Error => Body.TryGetProperty("error", out var e) ? e.GetString() : null;

    public string? ErrorDescription => Body.TryGetProperty("error_description", out var e) ? e.GetString() : null;

    public string? Get(string name) => Body.TryGetProperty(name, out var v) ? v.GetString() : null;

    public override string ToString() => $"{(int)Status} {Body}";
}
