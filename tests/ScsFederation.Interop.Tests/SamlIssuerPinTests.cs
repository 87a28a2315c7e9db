using System.Net;
using System.Text.Json.Nodes;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests;

/// <summary>
/// A hostile SAML IdP holding a key the hub trusts for one upstream (samlify signs with the interop key, which both
/// SAML upstreams' metadata carry) asserts another upstream's issuer: the assertion's Issuer must be the entityID
/// pinned for the upstream whose ACS receives it, so the response is refused and no session is created.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class SamlIssuerPinTests(BrokerFixture fixture)
{
    private const string PeerSamlEntityId = SamlifyIdp.PeerEntityId;
    private string Hub => fixture.Hub.Issuer;

    private Task<string> SignedResponseAsync(string issuer, string nameId) => SamlifyIdp.SignedResponseAsync(PeerSamlEntityId, new JsonObject
    {
        ["sign"] = "both",
        ["spEntityId"] = Hub + "/saml/metadata",
        ["acs"] = Hub + "/saml/acs/peer-saml",
        ["issuer"] = issuer,
        ["nameId"] = nameId,
        ["nameIdFormat"] = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
        ["attributes"] = new JsonArray(SamlifyIdp.Attribute("groups", "scs-admins")),
    });

    [Theory]
    [InlineData("http://127.0.0.1:9311")]                 // the OIDC upstream peer's authority
    [InlineData("http://127.0.0.1:9380/saml/idp-strict")] // the other SAML upstream's entityID
    [InlineData("{hub}/demo")]                            // the demo upstream's issuer
    public async Task A_signed_response_stating_another_upstreams_issuer_is_refused(string issuer)
    {
        issuer = issuer.Replace("{hub}", Hub, StringComparison.Ordinal);
        using var browser = new BrowserSession();
        var response = await SignedResponseAsync(issuer, "pin-victim");

        var answer = await browser.PostFormAsync(Hub + "/saml/acs/peer-saml", new Dictionary<string, string> { ["SAMLResponse"] = response });

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("<code>wrong_issuer</code>", await answer.Content.ReadAsStringAsync());
        Assert.False(browser.HasHubSession(Hub));

        // The same IdP with its own, pinned issuer signs in: the refusal was about the issuer alone.
        using var control = new BrowserSession();
        var own = await control.PostFormAsync(Hub + "/saml/acs/peer-saml", new Dictionary<string, string> { ["SAMLResponse"] = await SignedResponseAsync(PeerSamlEntityId, "pin-victim") });
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.True(control.HasHubSession(Hub));
    }
}
