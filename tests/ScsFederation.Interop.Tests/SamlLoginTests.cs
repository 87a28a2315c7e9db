using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests;

/// <summary>
/// samlify (npm) as the upstream SAML IdP of the interop federation, the hub's real ACS endpoints, and an
/// OIDC relying party behind: a SAML login reaches the downstream client with the mapped groups.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class SamlLoginTests(BrokerFixture fixture)
{
    private const string IdpEntityId = SamlifyIdp.PeerEntityId;
    /// <summary>peer-saml-strict: the same samlify key as another entity (the hub refuses two upstreams with one entityID).</summary>
    private const string StrictIdpEntityId = SamlifyIdp.StrictEntityId;
    private string Hub => fixture.Hub.Issuer;

    private async Task<string> SignedResponseAsync(string upstream, string sign, string nameId, string format, string? inResponseTo = null, params string[] groups)
    {
        var spec = new JsonObject
        {
            ["name"] = "r",
            ["sign"] = sign,
            ["spEntityId"] = Hub + "/saml/metadata",
            ["acs"] = $"{Hub}/saml/acs/{upstream}",
            ["nameId"] = nameId,
            ["nameIdFormat"] = format,
            ["sessionIndex"] = "_s1",
            ["attributes"] = new JsonArray(
                new JsonObject { ["name"] = "urn:oid:0.9.2342.19200300.100.1.3", ["friendlyName"] = "email", ["values"] = new JsonArray("saml-user@uni.example") },
                new JsonObject { ["name"] = "groups", ["values"] = new JsonArray([.. groups.Select(g => (JsonNode)g)]) }),
        };
        if (inResponseTo is not null) spec["inResponseTo"] = inResponseTo;
        var job = new JsonObject
        {
            ["idp"] = Idp(upstream == "peer-saml-strict" ? StrictIdpEntityId : IdpEntityId),
            ["responses"] = new JsonArray(spec),
        };
        var result = await NodeProcess.RunJobAsync("saml/samlify-idp.mjs", job, TimeSpan.FromSeconds(60));
        return result["responses"]!["r"]!.GetValue<string>();
    }

    private static JsonObject Idp(string entityId = IdpEntityId) => SamlifyIdp.Idp(entityId);

    private static Task<HttpResponseMessage> PostAsync(BrowserSession browser, string acs, string response, string? relayState = null)
    {
        var form = new Dictionary<string, string> { ["SAMLResponse"] = response };
        if (relayState is not null) form["RelayState"] = relayState;
        return browser.PostFormAsync(acs, form);
    }

    [Theory]
    [InlineData("both", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", "3f7b9c2e-persistent")]
    [InlineData("response", "urn:oasis:names:tc:SAML:2.0:nameid-format:transient", "_transient-4711")]
    [InlineData("assertion", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", "saml-user@uni.example")]
    public async Task An_unsolicited_signed_response_signs_in_with_its_name_id_and_multi_valued_groups(string sign, string format, string nameId)
    {
        using var browser = new BrowserSession();
        var response = await SignedResponseAsync("peer-saml", sign, nameId, format, null, "scs-admins", "cloud-a-users");

        var answer = await PostAsync(browser, $"{Hub}/saml/acs/peer-saml", response);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.True(browser.HasHubSession(Hub));
        var whoami = JsonDocument.Parse(await (await browser.GetAsync(Hub + "/account/whoami")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("peer-saml", whoami.GetProperty("upstreamId").GetString());
        Assert.Equal(nameId, whoami.GetProperty("upstreamSubject").GetString());
        Assert.Equal(IdpEntityId, whoami.GetProperty("upstreamIssuer").GetString());
        Assert.Equal(["scs-admins", "cloud-a-users"], whoami.GetProperty("claims").GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("saml-user@uni.example", whoami.GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_saml_login_reaches_a_downstream_oidc_client_with_the_mapped_groups_and_projects()
    {
        using var browser = new BrowserSession();
        var verifier = "saml-downstream-verifier-0123456789-abcdefghijklmnop";
        var challenge = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = $"{Hub}/connect/authorize?client_id={BrokerFixture.CloudAClient}&response_type=code&scope=openid%20email%20groups&redirect_uri={Uri.EscapeDataString(BrokerFixture.RpRedirect)}&code_challenge={challenge}&code_challenge_method=S256&state=st&nonce=nn&idp=peer-saml-strict";

        // SP-initiated: the hub sends a signed AuthnRequest; the IdP answers it (InResponseTo) on the strict upstream.
        var (idpUrl, _) = await browser.FollowAsync(authorize, u => u.StartsWith(IdpEntityId, StringComparison.Ordinal));
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(idpUrl).Query);
        Assert.NotNull(query["Signature"]);
        var requestXml = SamlifyIdp.Inflate(query["SAMLRequest"]!);
        var requestId = Regex.Match(requestXml, "ID=\"([^\"]+)\"").Groups[1].Value;
        var response = await SignedResponseAsync("peer-saml-strict", "both", "saml-alice", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", requestId, "scs-admins");

        var acs = await PostAsync(browser, $"{Hub}/saml/acs/peer-saml-strict", response, query["RelayState"]);
        Assert.Equal(HttpStatusCode.Redirect, acs.StatusCode);
        var (callback, _) = await browser.FollowAsync(new Uri(new Uri(Hub), acs.Headers.Location!).AbsoluteUri, u => u.StartsWith(BrokerFixture.RpRedirect, StringComparison.Ordinal));
        var code = System.Web.HttpUtility.ParseQueryString(new Uri(callback).Query)["code"]!;

        using var http = new HttpClient();
        var token = await http.PostAsync(Hub + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = BrokerFixture.RpRedirect,
            ["code_verifier"] = verifier,
            ["client_id"] = BrokerFixture.CloudAClient,
            ["client_secret"] = BrokerFixture.RpSecret,
        }));
        var body = await token.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var idToken = JsonDocument.Parse(body).RootElement.GetProperty("id_token").GetString()!;
        Assert.True(await BrokeredLoginTests.VerifyWithHubJwksAsync(Hub, idToken, BrokerFixture.CloudAClient));
        var claims = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(idToken);
        // A provider's client never sees the upstream's own groups (cloud-a grants no Kubernetes groups).
        Assert.Equal("[]", claims.GetPayloadValue<JsonElement>("groups").GetRawText());
        // No preferred_username from SAML: the default username is the subject at the upstream's id.
        Assert.Equal("p-saml-alice@peer-saml-strict", claims.GetPayloadValue<JsonElement>("projects")[0].GetProperty("name").GetString());
    }

    /// <summary>Starts an SP-initiated login at the strict upstream in <paramref name="browser"/>; returns the AuthnRequest id and RelayState.</summary>
    private async Task<(string RequestId, string RelayState)> StartSpInitiatedAsync(BrowserSession browser)
    {
        var (idpUrl, _) = await browser.FollowAsync($"{Hub}/login/peer-saml-strict?returnUrl=%2Faccount%2Fwhoami", u => u.StartsWith(IdpEntityId, StringComparison.Ordinal));
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(idpUrl).Query);
        return (Regex.Match(SamlifyIdp.Inflate(query["SAMLRequest"]!), "ID=\"([^\"]+)\"").Groups[1].Value, query["RelayState"]!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_attackers_valid_answer_posted_into_another_browser_is_refused(bool victimStartedALoginToo)
    {
        // The attacker starts a login in their own browser and has the (real, samlify) IdP answer it for their account.
        using var attacker = new BrowserSession();
        var (requestId, relayState) = await StartSpInitiatedAsync(attacker);
        var response = await SignedResponseAsync("peer-saml-strict", "both", "attacker", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", requestId, "scs-admins");

        // ... and auto-posts it into the victim's browser, which holds no binding for that request (or only its own).
        using var victim = new BrowserSession();
        if (victimStartedALoginToo) await StartSpInitiatedAsync(victim);
        var answer = await PostAsync(victim, $"{Hub}/saml/acs/peer-saml-strict", response, relayState);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("<code>not_bound_to_browser</code>", await answer.Content.ReadAsStringAsync());
        Assert.False(victim.HasHubSession(Hub));
        Assert.Equal(HttpStatusCode.Unauthorized, (await victim.GetAsync(Hub + "/account/whoami")).StatusCode);
    }

    [Fact]
    public async Task The_browser_that_started_the_login_is_signed_in_once()
    {
        using var browser = new BrowserSession();
        var (requestId, relayState) = await StartSpInitiatedAsync(browser);
        var response = await SignedResponseAsync("peer-saml-strict", "both", "bound-user", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", requestId, "scs-admins");

        var answer = await PostAsync(browser, $"{Hub}/saml/acs/peer-saml-strict", response, relayState);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/account/whoami", answer.Headers.Location!.OriginalString);
        Assert.True(browser.HasHubSession(Hub));
    }

    [Fact]
    public async Task An_unsolicited_response_is_refused_where_the_upstream_does_not_allow_it()
    {
        using var browser = new BrowserSession();
        var response = await SignedResponseAsync("peer-saml-strict", "both", "alice", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", null, "scs-admins");
        var answer = await PostAsync(browser, $"{Hub}/saml/acs/peer-saml-strict", response);
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("Sign-in failed", await answer.Content.ReadAsStringAsync());
        Assert.False(browser.HasHubSession(Hub));
    }

    [Fact]
    public async Task A_replayed_response_is_refused_even_in_another_browser()
    {
        var response = await SignedResponseAsync("peer-saml", "both", "replay-victim", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", null, "scs-admins");
        using var first = new BrowserSession();
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(first, $"{Hub}/saml/acs/peer-saml", response)).StatusCode);

        using var attacker = new BrowserSession();
        var replay = await PostAsync(attacker, $"{Hub}/saml/acs/peer-saml", response);
        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        Assert.Contains("replay", (await replay.Content.ReadAsStringAsync()).ToLowerInvariant());
        Assert.False(attacker.HasHubSession(Hub));
    }

    [Fact]
    public async Task A_response_for_another_acs_is_refused()
    {
        using var browser = new BrowserSession();
        var response = await SignedResponseAsync("peer-saml", "both", "alice", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", null, "scs-admins");
        // Signed for peer-saml's ACS, posted to the strict upstream's ACS: Destination/Recipient do not match.
        var answer = await PostAsync(browser, $"{Hub}/saml/acs/peer-saml-strict", response);
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.False(browser.HasHubSession(Hub));
    }

    [Fact]
    public async Task The_sp_metadata_is_signed_and_names_the_acs_endpoints()
    {
        using var http = new HttpClient();
        var xml = await http.GetStringAsync(Hub + "/saml/metadata");
        Assert.Contains($"entityID=\"{Hub}/saml/metadata\"", xml);
        Assert.Contains($"{Hub}/saml/acs/peer-saml", xml);
        Assert.Contains("<ds:Signature", xml.Replace("<Signature", "<ds:Signature"));
    }

    [Theory]
    [InlineData("redirect")]
    [InlineData("post")]
    public async Task Logout_ends_the_hub_session_and_the_idp_session_with_a_signed_logout_request(string responseBinding)
    {
        using var browser = new BrowserSession();
        var response = await SignedResponseAsync("peer-saml", "both", "slo-user", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", null, "scs-admins");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, $"{Hub}/saml/acs/peer-saml", response)).StatusCode);

        var logout = await browser.SubmitFormAsync(await browser.GetAsync(Hub + "/"), action: "/account/logout");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        var idpUrl = logout.Headers.Location!.AbsoluteUri;
        Assert.StartsWith(IdpEntityId + "/slo", idpUrl);
        Assert.False(browser.HasHubSession(Hub));

        // samlify, as the IdP, verifies the LogoutRequest against the hub's SP metadata and answers it.
        var spMetadata = Path.GetTempFileName();
        using (var http = new HttpClient()) await File.WriteAllTextAsync(spMetadata, await http.GetStringAsync(Hub + "/saml/metadata"));
        var job = new JsonObject
        {
            ["idp"] = Idp(),
            ["logoutRequests"] = new JsonArray(new JsonObject { ["name"] = "l", ["spMetadataFile"] = spMetadata, ["url"] = idpUrl, ["responseBinding"] = responseBinding }),
        };
        var result = await NodeProcess.RunJobAsync("saml/samlify-idp.mjs", job, TimeSpan.FromSeconds(60));
        File.Delete(spMetadata);
        var answer = result["logoutRequests"]!["l"]!;
        Assert.Equal("slo-user", answer["nameId"]!.GetValue<string>());
        Task<HttpResponseMessage> Deliver() => responseBinding == "post"
            ? browser.PostFormAsync(Hub + "/saml/slo", new Dictionary<string, string> { ["SAMLResponse"] = answer["samlResponse"]!.GetValue<string>() })
            : browser.GetAsync(answer["responseUrl"]!.GetValue<string>());
        var back = await Deliver();
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/", back.Headers.Location!.OriginalString);

        // The answer is single use: a second delivery has no pending logout behind it.
        Assert.Equal(HttpStatusCode.BadRequest, (await Deliver()).StatusCode);
    }
}
