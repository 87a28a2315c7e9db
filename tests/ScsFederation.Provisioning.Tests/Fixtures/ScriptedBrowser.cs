using System.Net;
using System.Text.RegularExpressions;

namespace ScsFederation.Provisioning.Tests.Fixtures;

/// <summary>
/// A browser-like client: follows redirects itself, keeps cookies and sends the navigation headers
/// mod_auth_openidc wants (without them it answers 401 as to an XHR or API client instead of redirecting).
/// </summary>
internal sealed class ScriptedBrowser : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true }) { Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>Goes to <paramref name="url"/> (posting <paramref name="form"/> first if given) and follows redirects until a page, or until <paramref name="stopAt"/> says stop.</summary>
    public async Task<HttpResponseMessage> NavigateAsync(string url, HttpContent? form = null, Func<Uri, bool>? stopAt = null)
    {
        for (var hops = 0; hops < 15; hops++)
        {
            using var request = new HttpRequestMessage(form is null ? HttpMethod.Get : HttpMethod.Post, url) { Content = form };
            request.Headers.Add("Sec-Fetch-Mode", "navigate");
            request.Headers.Add("Sec-Fetch-Dest", "document");
            request.Headers.Add("Accept", "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8");
            var response = await _http.SendAsync(request);
            if ((int)response.StatusCode is < 300 or >= 400) return response;
            var next = new Uri(new Uri(url), response.Headers.Location!);
            if (stopAt?.Invoke(next) == true) return response;
            url = next.ToString();
            form = null;
        }
        throw new InvalidOperationException("too many redirects");
    }

    /// <summary>Fills in the hub's login form (demo accounts) on <paramref name="loginPage"/> and follows what comes after it.</summary>
    public async Task<HttpResponseMessage> SubmitHubLoginAsync(HttpResponseMessage loginPage, string user, string password, Func<Uri, bool>? stopAt = null)
    {
        var html = await loginPage.Content.ReadAsStringAsync();
        if (loginPage.StatusCode != HttpStatusCode.OK || !html.Contains("name=\"password\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"expected the hub's login form, got {(int)loginPage.StatusCode}: {html[..Math.Min(300, html.Length)]}");
        }
        var action = new Uri(loginPage.RequestMessage!.RequestUri!, Regex.Match(html, "<form[^>]*action=\"([^\"]+)\"").Groups[1].Value).ToString();
        // Every hidden input of the form (return URL, antiforgery token), as a browser sends them.
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in Regex.Matches(html, "<input[^>]*type=\"hidden\"[^>]*>"))
        {
            fields[WebUtility.HtmlDecode(Regex.Match(input.Value, "name=\"([^\"]*)\"").Groups[1].Value)] = WebUtility.HtmlDecode(Regex.Match(input.Value, "value=\"([^\"]*)\"").Groups[1].Value);
        }
        fields["username"] = user;
        fields["password"] = password;
        var form = new FormUrlEncodedContent(fields);
        return await NavigateAsync(action, form, stopAt);
    }

    /// <summary>A PKCE S256 pair: the verifier the client keeps and the challenge it sends.</summary>
    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Base64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier))));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose() => _http.Dispose();
}
