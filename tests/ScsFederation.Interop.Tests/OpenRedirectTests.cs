using System.Net;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests;

/// <summary>
/// The demo login's return URL over HTTP: <c>/&lt;TAB&gt;/evil.example/x</c> (what <c>%09</c> decodes to) was answered
/// with <c>Location: /\t/evil.example/x</c>, which browsers resolve to https://evil.example/x.
/// </summary>
[Collection(FormsHubCollection.Name)]
public sealed class OpenRedirectTests(FormsHubFixture fixture)
{
    private const string Hub = FormsHubFixture.Issuer;

    [Theory]
    [InlineData("/%09/evil.example/x")]
    [InlineData("/%0D%0A/evil.example/x")]
    [InlineData("/%5C/evil.example/x")]
    [InlineData("//evil.example/x")]
    [InlineData("/%7F/evil.example/x")]
    [InlineData("https%3A%2F%2Fevil.example%2Fx")]
    public async Task A_demo_login_never_answers_with_a_location_off_the_hub(string returnUrl)
    {
        using var browser = new BrowserSession();
        var form = await browser.GetAsync($"{Hub}/login/demo?returnUrl={returnUrl}");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);

        var answer = await browser.SubmitFormAsync(form, new Dictionary<string, string> { ["username"] = FormsHubFixture.User, ["password"] = FormsHubFixture.Password });

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        AssertOnHub(answer.Headers.Location!);
        Assert.True(browser.HasHubSession(Hub));
        _ = fixture;
    }

    [Fact]
    public async Task The_tab_variant_posted_directly_lands_on_the_start_page()
    {
        using var browser = new BrowserSession();
        var form = await browser.GetAsync($"{Hub}/login/demo");
        var answer = await browser.SubmitFormAsync(form, new Dictionary<string, string>
        {
            ["username"] = FormsHubFixture.User,
            ["password"] = FormsHubFixture.Password,
            ["returnUrl"] = "/\t/evil.example/x",
        });
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location!.OriginalString);
    }

    /// <summary>What a browser does with the Location header: strips TAB/CR/LF, reads '\' as '/', resolves against the page.</summary>
    private static void AssertOnHub(Uri location)
    {
        var raw = location.OriginalString.Replace("\t", "").Replace("\r", "").Replace("\n", "").Replace('\\', '/');
        var resolved = new Uri(new Uri(Hub + "/login/demo"), raw);
        Assert.Equal(new Uri(Hub).Authority, resolved.Authority);
        Assert.DoesNotContain("evil.example", resolved.Host);
    }
}
