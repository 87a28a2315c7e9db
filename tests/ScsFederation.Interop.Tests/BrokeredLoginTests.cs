using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests;

/// <summary>openid-client logs in through the hub, which brokers to oidc-provider: the whole journey with independent peers on both sides.</summary>
[Collection(BrokerCollection.Name)]
public sealed class BrokeredLoginTests(BrokerFixture fixture)
{
    [Fact]
    public async Task Relying_party_gets_a_hub_signed_id_token_with_the_upstream_email_and_groups()
    {
        var result = await fixture.RunRelyingPartyAsync();

        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        var claims = result.GetProperty("claims");
        Assert.Equal(fixture.Hub.Issuer + "/", claims.GetProperty("iss").GetString());
        Assert.Equal("alice@example.org", claims.GetProperty("email").GetString());
        // rp-test is bound to no provider: the upstream's groups only namespaced, never as groups (isolation contract).
        Assert.Empty(claims.GetProperty("groups").EnumerateArray());
        Assert.Equal(["scs-admins", "cloud-a-users"], claims.GetProperty("upstream_groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("peer", claims.GetProperty("upstream").GetString());
        Assert.Equal("RS256", result.GetProperty("idTokenHeader").GetProperty("alg").GetString());
        // RFC 9207: the authorization response names the issuer.
        Assert.Equal(fixture.Hub.Issuer + "/", result.GetProperty("iss").GetString());
        Assert.Equal(claims.GetProperty("sub").GetString(), result.GetProperty("userinfo").GetProperty("sub").GetString());
        Assert.Equal(["scs-admins", "cloud-a-users"], result.GetProperty("userinfo").GetProperty("upstream_groups").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task The_id_token_verifies_against_the_published_jwks()
    {
        var result = await fixture.RunRelyingPartyAsync();
        Assert.True(await VerifyWithHubJwksAsync(fixture.Hub.Issuer, result.GetProperty("idToken").GetString()!, "rp-test"));
    }

    [Fact]
    public async Task Same_upstream_identity_links_to_the_same_account_and_updated_groups_flow_into_new_tokens()
    {
        var first = await fixture.RunRelyingPartyAsync("--login-hint", "bob@example.org");
        await fixture.SetUpstreamGroupsAsync("bob", "cloud-b-users");
        try
        {
            var second = await fixture.RunRelyingPartyAsync("--login-hint", "bob@example.org");
            Assert.Equal(first.GetProperty("claims").GetProperty("sub").GetString(), second.GetProperty("claims").GetProperty("sub").GetString());
            Assert.Equal(["cloud-b-users"], second.GetProperty("claims").GetProperty("upstream_groups").EnumerateArray().Select(g => g.GetString()));
        }
        finally
        {
            await fixture.SetUpstreamGroupsAsync("bob", "cloud-a-users");
        }
    }

    [Fact]
    public async Task Refresh_tokens_rotate_and_reuse_revokes_the_chain()
    {
        var result = await fixture.RunRelyingPartyAsync("--refresh-twice");

        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.True(result.GetProperty("refreshed").GetProperty("rotated").GetBoolean());
        Assert.False(result.GetProperty("reuse").GetProperty("accepted").GetBoolean());
        Assert.Equal("invalid_grant", result.GetProperty("reuse").GetProperty("error").GetString());
        // Reuse means theft: the legitimate holder's newer token dies with the chain.
        Assert.False(result.GetProperty("afterReuse").GetProperty("accepted").GetBoolean());
    }

    [Fact]
    public async Task A_replayed_authorization_code_is_refused()
    {
        var result = await fixture.RunRelyingPartyAsync("--replay-code");
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.False(result.GetProperty("replay").GetProperty("accepted").GetBoolean());
        Assert.Equal("invalid_grant", result.GetProperty("replay").GetProperty("error").GetString());
    }

    [Fact]
    public async Task Home_realm_discovery_by_email_domain_and_acr_values_reaches_the_upstream()
    {
        using var browser = new BrowserSession();
        var start = $"{fixture.Hub.Issuer}/connect/authorize?client_id=rp-test&response_type=code&scope=openid&redirect_uri={Uri.EscapeDataString(BrokerFixture.RpRedirect)}&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGWSstw-cM&code_challenge_method=S256&state=s1&nonce=n1";
        var (url, _) = await browser.FollowAsync(start + "&login_hint=alice%40example.org", u => u.StartsWith("http://127.0.0.1:9311/", StringComparison.Ordinal));
        Assert.StartsWith("http://127.0.0.1:9311/", url);

        using var second = new BrowserSession();
        var (url2, _) = await second.FollowAsync(start + "&acr_values=idp%3Ahostile", u => u.StartsWith("http://127.0.0.1:9312/", StringComparison.Ordinal));
        Assert.StartsWith("http://127.0.0.1:9312/", url2);

        using var third = new BrowserSession();
        var (url3, page) = await third.FollowAsync(start, u => u.StartsWith("http://127.0.0.1:93", StringComparison.Ordinal));
        Assert.NotNull(page); // two upstreams and no hint: the person chooses
        var html = await page!.Content.ReadAsStringAsync();
        Assert.Contains("/login/peer", html);
        Assert.Contains("/login/hostile", html);
    }

    public static async Task<bool> VerifyWithHubJwksAsync(string issuer, string token, string audience)
    {
        using var http = new HttpClient();
        var jwks = new JsonWebKeySet(await http.GetStringAsync(issuer + "/.well-known/jwks"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer + "/",
            ValidAudience = audience,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidateLifetime = true,
        });
        return result.IsValid;
    }
}

/// <summary>A provider's mapping rules decide what its clients' tokens carry and what is stored for provisioning.</summary>
[Collection(BrokerCollection.Name)]
public sealed class ProviderGrantTests(BrokerFixture fixture)
{
    [Fact]
    public async Task A_provider_client_receives_the_projects_its_mapping_grants_in_an_es256_id_token()
    {
        var result = await fixture.RunRelyingPartyAsAsync(BrokerFixture.CloudAClient, "--login-hint", "alice@example.org", "--scope", "openid email profile groups");
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal("ES256", result.GetProperty("idTokenHeader").GetProperty("alg").GetString());
        var projects = result.GetProperty("claims").GetProperty("projects");
        var project = Assert.Single(projects.EnumerateArray());
        // Usernames are unique per upstream (alice@peer), and the sample rule maps them into the project name.
        Assert.Equal("p-alice@peer", project.GetProperty("name").GetString());
        Assert.Equal("member", Assert.Single(project.GetProperty("roles").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_person_whose_groups_grant_nothing_gets_no_projects_and_the_stored_grant_is_cleared()
    {
        var result = await fixture.RunRelyingPartyAsAsync(BrokerFixture.CloudAClient, "--login-hint", "bob@example.org", "--scope", "openid email profile groups");
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.False(result.GetProperty("claims").TryGetProperty("projects", out _));

        using var scope = fixture.Hub.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ScsFederation.Storage.HubDbContext>();
        var sub = result.GetProperty("claims").GetProperty("sub").GetString();
        var grant = db.AccountGrants.Single(g => g.AccountId == sub && g.ProviderId == "cloud-a");
        Assert.Null(grant.GrantJson);
    }

    [Fact]
    public async Task The_admin_dry_run_evaluates_a_providers_rules_and_needs_the_admin_token()
    {
        using var http = new HttpClient();
        var url = fixture.Hub.Issuer + "/admin/providers/cloud-a/mapping/dry-run";
        var claims = """{"OIDC-preferred_username": "dave", "OIDC-idp": "peer", "OIDC-groups": ["scs-admins", "other"]}""";

        var anonymous = await http.PostAsync(url, new StringContent(claims, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);

        http.DefaultRequestHeaders.Authorization = new("Bearer", BrokerFixture.AdminToken);
        var mapped = await http.PostAsync(url, new StringContent(claims, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.OK, mapped.StatusCode);
        var result = JsonDocument.Parse(await mapped.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("dave", result.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("p-dave", result.GetProperty("projects")[0].GetProperty("name").GetString());

        var nothing = await http.PostAsync(url, new StringContent("""{"OIDC-preferred_username": "eve", "OIDC-groups": ["guests"]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, nothing.StatusCode);
        Assert.Contains("no_rule_matched", await nothing.Content.ReadAsStringAsync());

        var unknown = await http.PostAsync(fixture.Hub.Issuer + "/admin/providers/nope/mapping/dry-run", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Introspection_gives_the_providers_client_the_mapped_claims_and_other_clients_nothing()
    {
        var result = await fixture.RunRelyingPartyAsAsync(BrokerFixture.CloudAClient, "--login-hint", "alice@example.org", "--scope", "openid email profile groups");
        var accessToken = result.GetProperty("accessToken").GetString()!;

        async Task<JsonElement> Introspect(string clientId, string secret)
        {
            using var http = new HttpClient();
            var response = await http.PostAsync(fixture.Hub.Issuer + "/connect/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["token"] = accessToken, ["client_id"] = clientId, ["client_secret"] = secret,
            }));
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        }

        // What Keystone's mod_auth_openidc sees with opaque-token validation: the claims its mapping rules use.
        var own = await Introspect(BrokerFixture.CloudAClient, BrokerFixture.RpSecret);
        Assert.True(own.GetProperty("active").GetBoolean(), own.ToString());
        // The user name the provider's mapping chose, and none of the upstream's own groups.
        Assert.Equal("alice@peer", own.GetProperty("preferred_username").GetString());
        Assert.False(own.TryGetProperty("groups", out var ownGroups) && ownGroups.ToString().Contains("scs-admins"), own.ToString());
        // OpenIddict's introspection folds a single-valued claim to its value: one project is an object.
        var projects = own.GetProperty("projects");
        var first = projects.ValueKind == JsonValueKind.Array ? projects[0] : projects;
        Assert.Equal("p-alice@peer", first.GetProperty("name").GetString());

        var other = await Introspect(BrokerFixture.RpClient, BrokerFixture.RpSecret);
        Assert.False(other.TryGetProperty("groups", out _), other.ToString());
        Assert.False(other.TryGetProperty("active", out var active) && active.GetBoolean());
    }
}
