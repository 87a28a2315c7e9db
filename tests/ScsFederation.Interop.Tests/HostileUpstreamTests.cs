using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests;

/// <summary>
/// Upstream B (a second oidc-provider) asserts upstream A's usernames, emails, group names and <c>system:masters</c>.
/// cloud-a grants only A's users (its <c>upstreams</c> list and rules on <c>OIDC-idp</c>): B's people get nothing there
/// — not in the ID token, the access token, introspection or userinfo — while A's people keep their grants.
/// A SAML IdP (samlify, with a key the hub trusts for <c>peer-saml</c>) that states A's issuer is refused; under its
/// own issuer, asserting A's alice's subject, username, address and groups, it is a separate account with only what
/// cloud-a's rules grant peer-saml users.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class HostileUpstreamTests(BrokerFixture fixture)
{
    private static readonly string[] Forbidden = ["scs-admins", "cloud-a-users", "system:masters"];

    private async Task<JsonElement> Introspect(string accessToken)
    {
        using var http = new HttpClient();
        var response = await http.PostAsync(fixture.Hub.Issuer + "/connect/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = accessToken, ["client_id"] = BrokerFixture.CloudAClient, ["client_secret"] = BrokerFixture.RpSecret,
        }));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Every view a relying party has of one login: ID token, access token, introspection, userinfo.</summary>
    private Task<(string Name, JsonElement Claims)[]> ViewsAsync(JsonElement result) =>
        ViewsAsync(result.GetProperty("claims"), result.GetProperty("accessToken").GetString()!, result.GetProperty("userinfo"));

    private async Task<(string Name, JsonElement Claims)[]> ViewsAsync(JsonElement idTokenClaims, string accessToken, JsonElement? userinfo = null)
    {
        if (userinfo is null)
        {
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, fixture.Hub.Issuer + "/connect/userinfo");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
            using var answer = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            userinfo = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone();
        }
        return
        [
            ("id token", idTokenClaims),
            ("access token", Payload(accessToken)),
            ("introspection", await Introspect(accessToken)),
            ("userinfo", userinfo.Value),
        ];
    }

    private static JsonElement Payload(string jwt) =>
        JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(new JsonWebToken(jwt).EncodedPayload)).RootElement.Clone();

    /// <summary>What a SAML IdP holding a key the hub trusts for <c>peer-saml</c> (which cloud-a accepts) says to pass as upstream A's alice.</summary>
    private static JsonObject AsAsAlice(string hub, string issuer, string? assertionIssuer = null, string? inResponseTo = null)
    {
        var spec = new JsonObject
        {
            ["sign"] = "both",
            ["spEntityId"] = hub + "/saml/metadata",
            ["acs"] = hub + "/saml/acs/peer-saml",
            ["issuer"] = issuer,
            ["nameId"] = "alice", // A's alice's subject at the oidc-provider upstream
            ["nameIdFormat"] = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
            ["attributes"] = new JsonArray(
                SamlifyIdp.Attribute("preferred_username", "alice"),
                SamlifyIdp.Attribute("email", "alice@example.org"),
                SamlifyIdp.Attribute("email_verified", "true"),
                SamlifyIdp.Attribute("groups", "scs-admins", "cloud-a-users", "system:masters")),
        };
        if (assertionIssuer is not null) spec["assertionIssuer"] = assertionIssuer;
        if (inResponseTo is not null) spec["inResponseTo"] = inResponseTo;
        return spec;
    }

    [Theory]
    [InlineData("response")]  // the Response's Issuer says A
    [InlineData("assertion")] // the Response is the IdP's own, the signed Assertion inside says A
    public async Task A_saml_upstream_stating_upstream_as_issuer_for_as_alice_is_refused(string where)
    {
        const string aIssuer = "http://127.0.0.1:9311"; // upstream peer's authority
        var hub = fixture.Hub.Issuer;
        var spec = where == "response" ? AsAsAlice(hub, aIssuer) : AsAsAlice(hub, SamlifyIdp.PeerEntityId, assertionIssuer: aIssuer);
        var response = await SamlifyIdp.SignedResponseAsync(SamlifyIdp.PeerEntityId, spec);
        int Accounts()
        {
            using var scope = fixture.Hub.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<ScsFederation.Storage.HubDbContext>().Accounts.Count();
        }
        var before = Accounts();

        using var browser = new BrowserSession();
        var answer = await browser.PostFormAsync(hub + "/saml/acs/peer-saml", new Dictionary<string, string> { ["SAMLResponse"] = response });

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("<code>wrong_issuer</code>", await answer.Content.ReadAsStringAsync());
        Assert.False(browser.HasHubSession(hub));
        Assert.Equal(before, Accounts());
    }

    [Fact]
    public async Task A_saml_upstream_under_its_own_issuer_claiming_as_alice_is_its_own_user_on_cloud_a()
    {
        var hub = fixture.Hub.Issuer;
        var a = await fixture.RunRelyingPartyAsAsync(BrokerFixture.CloudAClient, "--idp", "peer", "--scope", "openid email profile groups");
        Assert.True(a.GetProperty("ok").GetBoolean(), a.ToString());
        var aSub = a.GetProperty("claims").GetProperty("sub").GetString();

        // SP-initiated at cloud-a through peer-saml: the IdP answers the hub's AuthnRequest with A's alice's subject,
        // username, address and groups, under its own pinned issuer.
        using var browser = new BrowserSession();
        const string verifier = "hostile-saml-verifier-0123456789-abcdefghijklmnopq";
        var challenge = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        var authorize = $"{hub}/connect/authorize?client_id={BrokerFixture.CloudAClient}&response_type=code&scope=openid%20email%20profile%20groups" +
                        $"&redirect_uri={Uri.EscapeDataString(BrokerFixture.RpRedirect)}&code_challenge={challenge}&code_challenge_method=S256&state=st&nonce=nn&idp=peer-saml";
        var (idpUrl, _) = await browser.FollowAsync(authorize, u => u.StartsWith(SamlifyIdp.PeerEntityId, StringComparison.Ordinal));
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(idpUrl).Query);
        var requestId = System.Text.RegularExpressions.Regex.Match(SamlifyIdp.Inflate(query["SAMLRequest"]!), "ID=\"([^\"]+)\"").Groups[1].Value;
        var response = await SamlifyIdp.SignedResponseAsync(SamlifyIdp.PeerEntityId, AsAsAlice(hub, SamlifyIdp.PeerEntityId, inResponseTo: requestId));
        var acs = await browser.PostFormAsync(hub + "/saml/acs/peer-saml", new Dictionary<string, string> { ["SAMLResponse"] = response, ["RelayState"] = query["RelayState"]! });
        Assert.Equal(HttpStatusCode.Redirect, acs.StatusCode);
        var (callback, _) = await browser.FollowAsync(new Uri(new Uri(hub), acs.Headers.Location!).AbsoluteUri, u => u.StartsWith(BrokerFixture.RpRedirect, StringComparison.Ordinal));
        var code = System.Web.HttpUtility.ParseQueryString(new Uri(callback).Query)["code"]!;
        using var http = new HttpClient();
        var token = await http.PostAsync(hub + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = BrokerFixture.RpRedirect, ["code_verifier"] = verifier,
            ["client_id"] = BrokerFixture.CloudAClient, ["client_secret"] = BrokerFixture.RpSecret,
        }));
        var body = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);

        foreach (var (name, claims) in await ViewsAsync(Payload(body.GetProperty("id_token").GetString()!), body.GetProperty("access_token").GetString()!))
        {
            var text = claims.ToString();
            // Another account than A's alice: accounts are keyed by the upstream id, not by what the IdP says.
            if (claims.TryGetProperty("sub", out var sub)) Assert.NotEqual(aSub, sub.GetString());
            // cloud-a's rule grants scs-admins of peer-saml a project named after the per-upstream username.
            // An array in every view, also where the person has one project (introspection included).
            if (claims.TryGetProperty("projects", out var projects))
            {
                Assert.True(projects.ValueKind == JsonValueKind.Array, $"{name}: {text}");
                Assert.Equal(["p-alice@peer-saml"], projects.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
            }
            // RFC 7662's username is what resource servers key on: the per-upstream name, not the IdP's "alice".
            if (claims.TryGetProperty("username", out var introspected)) Assert.Equal("alice@peer-saml", introspected.GetString());
            Assert.DoesNotContain("p-alice@peer\"", text, StringComparison.Ordinal);
            if (claims.TryGetProperty("preferred_username", out var username)) Assert.Equal("alice@peer-saml", username.GetString());
            Assert.DoesNotContain("\"system:masters\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"cloud-a-users\"", text, StringComparison.Ordinal);
            // peer-saml has no emailDomains: A's address is not handed on, verified or not.
            Assert.False(claims.TryGetProperty("email", out _), $"{name}: {text}");
        }
    }

    [Fact]
    public async Task Upstream_b_asserting_upstream_as_names_emails_and_groups_gets_nothing_on_a_provider_that_grants_only_as_users()
    {
        await fixture.SetGroupsAtAsync(BrokerFixture.OtherUpstreamUrl, "alice", "scs-admins", "cloud-a-users", "system:masters");
        var result = await fixture.RunRelyingPartyAsAsync(BrokerFixture.CloudAClient, "--idp", BrokerFixture.OtherUpstream, "--scope", "openid email profile groups");
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());

        foreach (var (name, claims) in await ViewsAsync(result))
        {
            var text = claims.ToString();
            Assert.False(claims.TryGetProperty("projects", out _), $"{name}: {text}");
            foreach (var group in Forbidden) Assert.DoesNotContain($"\"{group}\"", text, StringComparison.Ordinal);
            Assert.False(claims.TryGetProperty("scsfed_rules", out _), $"{name}: {text}");
            // Not upstream A's alice, and not A's address: example.org is no email domain of uni-b.
            if (claims.TryGetProperty("preferred_username", out var username)) Assert.Equal("alice@uni-b", username.GetString());
            Assert.False(claims.TryGetProperty("email", out _), $"{name}: {text}");
        }

        using var scope = fixture.Hub.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ScsFederation.Storage.HubDbContext>();
        var sub = result.GetProperty("claims").GetProperty("sub").GetString();
        Assert.Null(db.AccountGrants.Single(g => g.AccountId == sub && g.ProviderId == "cloud-a").GrantJson);
    }

    [Fact]
    public async Task Upstream_as_people_keep_their_grants_in_every_view()
    {
        var result = await fixture.RunRelyingPartyAsAsync(BrokerFixture.CloudAClient, "--idp", "peer", "--scope", "openid email profile groups");
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        foreach (var (name, claims) in await ViewsAsync(result))
        {
            var text = claims.ToString();
            Assert.Contains("p-alice@peer", text, StringComparison.Ordinal);
            Assert.True(claims.TryGetProperty("scsfed_rules", out _), $"{name}: {text}");
            Assert.DoesNotContain("\"scs-admins\"", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_portal_sees_upstream_bs_groups_only_under_bs_name()
    {
        await fixture.SetGroupsAtAsync(BrokerFixture.OtherUpstreamUrl, "alice", "scs-admins", "system:masters");
        var result = await fixture.RunRelyingPartyAsAsync(BrokerFixture.RpClient, "--idp", BrokerFixture.OtherUpstream, "--scope", "openid email profile groups");
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        foreach (var (name, claims) in await ViewsAsync(result))
        {
            if (name == "introspection") continue; // rp-test is not an audience of its own token's introspection here
            if (claims.TryGetProperty("groups", out var groups)) Assert.Empty(groups.EnumerateArray());
            Assert.Equal(["scs-admins", "system:masters"], claims.GetProperty("upstream_groups").EnumerateArray().Select(g => g.GetString()));
            Assert.Equal(BrokerFixture.OtherUpstream, claims.GetProperty("upstream").GetString());
            Assert.False(claims.TryGetProperty("email_verified", out var v) && v.GetBoolean(), $"{name}: {claims}");
        }
    }
}
