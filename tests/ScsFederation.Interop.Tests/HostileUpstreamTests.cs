using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests;

/// <summary>
/// Upstream B (a second oidc-provider) asserts upstream A's usernames, emails, group names and <c>system:masters</c>.
/// cloud-a grants only A's users (its <c>upstreams</c> list and rules on <c>OIDC-idp</c>): B's people get nothing there
/// — not in the ID token, the access token, introspection or userinfo — while A's people keep their grants.
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
    private async Task<(string Name, JsonElement Claims)[]> ViewsAsync(JsonElement result)
    {
        var access = new JsonWebToken(result.GetProperty("accessToken").GetString()!);
        return
        [
            ("id token", result.GetProperty("claims")),
            ("access token", JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(access.EncodedPayload)).RootElement.Clone()),
            ("introspection", await Introspect(result.GetProperty("accessToken").GetString()!)),
            ("userinfo", result.GetProperty("userinfo")),
        ];
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
