using OpenQA.Selenium;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests.Portal;

/// <summary>
/// In headless Chromium: a person opens the portal, is sent to sign in at the (only) university upstream, types
/// their name into oidc-provider's real login form (:9318) and lands on "My clouds" with the project and roles the rules
/// gave them; then signs out. Screenshots of the pages go to docs/screenshots.
/// </summary>
public sealed class BrowserPortalTests : IAsyncLifetime
{
    private const string Hub = "http://127.0.0.1:8100";
    private const string Upstream = "http://127.0.0.1:9318";
    private TempHub _hub = null!;
    private NodeProcess _upstream = null!;

    public async Task InitializeAsync()
    {
        _upstream = await NodeProcess.StartServerAsync("oidc/upstream-op.mjs", "9318", "hub-client", "browser-upstream-secret", Hub + "/signin-oidc/uni", "login-form");
        _hub = await TempHub.StartAsync("browser", $$"""
            hub:
              issuer: {{Hub}}
              dataFolder: data
              administrators: { mapping: admins.json }
            upstreams:
              - id: uni
                type: oidc
                displayName: University of Examples
                authority: {{Upstream}}
                clientId: hub-client
                clientSecret: browser-upstream-secret
                scopes: [openid, email, profile, groups]
            providers:
              - id: cloud-lab
                displayName: Lab Cloud (OpenStack)
                mapping: rules.json
                keystone: { url: "http://127.0.0.1:9", publicUrl: "http://127.0.0.1:9361", domain: lab }
            """, new Dictionary<string, string>
        {
            ["admins.json"] = """
            { "rules": [ { "remote": [ { "type": "OIDC-idp", "any_one_of": ["uni"] }, { "type": "OIDC-groups", "any_one_of": ["scs-admins"] } ],
                           "local": [ { "group": { "name": "federation-admin", "domain": { "name": "hub" } } } ] } ] }
            """,
            ["rules.json"] = """
            { "rules": [ { "remote": [ { "type": "OIDC-preferred_username" }, { "type": "OIDC-idp", "any_one_of": ["uni"] }, { "type": "OIDC-groups", "any_one_of": ["scs-admins"] } ],
                           "local": [ { "user": { "name": "{0}" } }, { "projects": [ { "name": "lab-{0}", "roles": [ { "name": "member" }, { "name": "reader" } ] } ] } ] } ] }
            """,
        });
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public void A_person_signs_in_through_the_upstreams_login_form_and_sees_their_cloud_and_roles()
    {
        using var browser = HeadlessChromium.Start();
        browser.Navigate().GoToUrl(Hub + "/portal");
        // Not signed in, and the hub has one upstream: straight to oidc-provider's own login form.
        Assert.StartsWith(Upstream + "/interaction/", browser.Url, StringComparison.Ordinal);
        browser.FindElement(By.Name("login")).SendKeys("alice");
        browser.FindElement(By.Name("password")).SendKeys("any password");
        browser.FindElement(By.CssSelector("button[type=submit]")).Click();

        // Back at the hub, on the page the person asked for.
        Assert.Equal(Hub + "/portal", browser.Url);
        Assert.Equal("My clouds · ScsFederation", browser.Title);
        var card = browser.FindElement(By.CssSelector("section[aria-labelledby='cloud-cloud-lab']"));
        Assert.Contains("Lab Cloud (OpenStack)", card.Text);
        var row = card.FindElement(By.XPath(".//tr[td/code[text()='lab-alice@uni']]"));
        Assert.Contains("member, reader", row.Text);
        Assert.Contains("rule 1 of rules.json", row.Text);
        // No Keystone runs behind cloud-lab: the page does not claim the access is ready.
        Assert.Contains("Being set up", card.Text);
        Assert.Equal("main", browser.FindElement(By.TagName("main")).TagName);
        HeadlessChromium.Screenshot(browser, "portal-my-clouds");

        // Keyboard only: the download and sign-out controls are reachable with Tab.
        var focusable = browser.FindElements(By.CssSelector("a[href], button"));
        Assert.Contains(focusable, e => e.GetAttribute("href")?.EndsWith("/portal/clouds.yaml", StringComparison.Ordinal) == true);

        // alice is also an operator (the administrators mapping): the console's mapping test, claims typed in.
        browser.Navigate().GoToUrl(Hub + "/console");
        Assert.Equal("Operator console · ScsFederation", browser.Title);
        HeadlessChromium.Screenshot(browser, "console-overview");
        browser.FindElement(By.LinkText("Mapping test")).Click();
        browser.FindElement(By.CssSelector("#provider option[value='cloud-lab']")).Click();
        var claims = browser.FindElement(By.Id("claims"));
        claims.Clear();
        claims.SendKeys("""{ "OIDC-idp": "uni", "OIDC-preferred_username": "bob@uni", "OIDC-groups": ["scs-admins"] }""");
        browser.FindElement(By.XPath("//button[text()='Evaluate']")).Click();
        Assert.Contains("rule 1", browser.FindElement(By.TagName("main")).Text);
        Assert.Contains("lab-bob@uni", browser.FindElement(By.TagName("pre")).Text);
        HeadlessChromium.Screenshot(browser, "console-mapping-test");
        claims = browser.FindElement(By.Id("claims"));
        claims.Clear();
        claims.SendKeys("""{ "OIDC-idp": "uni", "OIDC-preferred_username": "bob@uni", "OIDC-groups": ["students"] }""");
        browser.FindElement(By.XPath("//button[text()='Evaluate']")).Click();
        Assert.Contains("No grant", browser.FindElement(By.TagName("main")).Text);

        browser.Navigate().GoToUrl(Hub + "/");
        HeadlessChromium.Screenshot(browser, "home-signed-in");
        browser.FindElement(By.XPath("//button[text()='Sign out']")).Click();
        // The hub session is over (the upstream's own session is the upstream's: a new visit to /portal would sign in there again).
        Assert.Equal(Hub + "/", browser.Url);
        Assert.NotEmpty(browser.FindElements(By.LinkText("Sign in")));
        Assert.Empty(browser.FindElements(By.LinkText("My clouds")));
    }
}
