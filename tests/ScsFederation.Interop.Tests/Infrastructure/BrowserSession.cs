using System.Net;
using System.Text.RegularExpressions;

namespace ScsFederation.Interop.Tests.Infrastructure;

/// <summary>A scripted browser: keeps cookies per origin and follows redirects one hop at a time so tests can stop and tamper anywhere.</summary>
public sealed class BrowserSession : IDisposable
{
    private readonly HttpClient _http;

    public BrowserSession()
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true }) { Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Add("Sec-Fetch-Mode", "navigate");
        _http.DefaultRequestHeaders.Add("Sec-Fetch-Dest", "document");
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(url);

    public Task<HttpResponseMessage> PostFormAsync(string url, IDictionary<string, string> form) => _http.PostAsync(url, new FormUrlEncodedContent(form));

    /// <summary>
    /// Submits a form of <paramref name="page"/> as a browser would: to its action, with every hidden input it
    /// carries (the antiforgery token among them) and <paramref name="fields"/> filled in or added.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(HttpResponseMessage page, IDictionary<string, string>? fields = null, string? action = null)
    {
        var html = await page.Content.ReadAsStringAsync();
        var forms = Regex.Matches(html, "<form[^>]*action=\"([^\"]+)\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        var form = forms.FirstOrDefault(f => action is null || WebUtility.HtmlDecode(f.Groups[1].Value) == action)
                   ?? throw new InvalidOperationException($"no form{(action is null ? "" : " posting to " + action)} on {page.RequestMessage?.RequestUri}: {html[..Math.Min(400, html.Length)]}");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in Regex.Matches(form.Groups[2].Value, "<input[^>]*type=\"hidden\"[^>]*>"))
        {
            var name = Regex.Match(input.Value, "name=\"([^\"]*)\"").Groups[1].Value;
            values[WebUtility.HtmlDecode(name)] = WebUtility.HtmlDecode(Regex.Match(input.Value, "value=\"([^\"]*)\"").Groups[1].Value);
        }
        foreach (var (name, value) in fields ?? new Dictionary<string, string>()) values[name] = value;
        var target = new Uri(page.RequestMessage!.RequestUri!, WebUtility.HtmlDecode(form.Groups[1].Value));
        return await _http.PostAsync(target, new FormUrlEncodedContent(values));
    }

    /// <summary>Follows redirects until <paramref name="stop"/> matches a location (not fetched) or a non-redirect answer comes.</summary>
    public async Task<(string Url, HttpResponseMessage? Response)> FollowAsync(string url, Func<string, bool> stop, int maxHops = 20)
    {
        for (var hop = 0; hop < maxHops; hop++)
        {
            if (stop(url)) return (url, null);
            var response = await _http.GetAsync(url);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                url = new Uri(new Uri(url), location).AbsoluteUri;
                response.Dispose();
                continue;
            }
            return (url, response);
        }
        throw new InvalidOperationException("too many redirects from " + url);
    }

    public bool HasHubSession(string issuer) =>
        Cookies.GetCookies(new Uri(issuer)).Any(c => c.Name == "scsfed.session" && !c.Expired && c.Value.Length > 0);

    public void Dispose() => _http.Dispose();
}
