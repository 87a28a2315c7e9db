using System.Net;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests;

/// <summary>
/// hub.rateLimits on a real hub (port 8088): past the configured number of requests per window from one address,
/// the login and token endpoints answer 429 with Retry-After and a stable code; other pages stay reachable.
/// </summary>
[Collection(FormsHubCollection.Name)]
public sealed class RateLimitTests : IAsyncLifetime
{
    private const string Hub = "http://127.0.0.1:8088";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "scsfed-ratelimit-" + Guid.NewGuid().ToString("n")[..8]);
    private HubInstance _hub = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var config = FormsHubFixture.DemoConfig(Hub, _folder, """
              rateLimits:
                login: { permitLimit: 3, windowSeconds: 60 }
                token: { permitLimit: 2, windowSeconds: 60 }
            """);
        await TestStorage.ApplyAsync(config.Hub, _folder);
        _hub = new HubInstance(config);
        await _hub.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Login_attempts_past_the_limit_get_429_with_retry_after()
    {
        using var browser = new BrowserSession();
        var form = await browser.GetAsync(Hub + "/login/demo");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        for (var i = 0; i < 2; i++)
        {
            var wrong = await browser.SubmitFormAsync(form, new Dictionary<string, string> { ["username"] = FormsHubFixture.User, ["password"] = "guess-" + i });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        // The fourth request in the window, even with the right password.
        var limited = await browser.SubmitFormAsync(form, new Dictionary<string, string> { ["username"] = FormsHubFixture.User, ["password"] = FormsHubFixture.Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter.TotalSeconds, 1, 60);
        Assert.Contains("<code>rate_limited</code>", await limited.Content.ReadAsStringAsync());
        Assert.False(browser.HasHubSession(Hub));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Hub + "/healthz")).StatusCode);
    }

    [Fact]
    public async Task Token_requests_past_the_limit_get_429_with_retry_after()
    {
        using var http = new HttpClient();
        Task<HttpResponseMessage> Token() => http.PostAsync(Hub + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "nobody",
            ["client_secret"] = "guess",
        }));
        for (var i = 0; i < 2; i++) Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Token()).StatusCode);

        var limited = await Token();

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Contains("\"rate_limited\"", await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Hub + "/.well-known/openid-configuration")).StatusCode);
    }
}
