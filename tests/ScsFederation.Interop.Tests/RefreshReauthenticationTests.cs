using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests;

/// <summary>
/// A provider client's refresh runs the provider's current rules again and works only within
/// hub.tokens.reauthenticateUpstreamHours (12 by default) of the upstream login; time moves on the hub's clock.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class RefreshReauthenticationTests(BrokerFixture fixture)
{
    private const string Scope = "openid profile groups offline_access";

    [Fact]
    public async Task A_provider_clients_refresh_works_within_the_bound_and_is_refused_with_a_reason_after_it()
    {
        using var client = new CodeFlowClient(fixture.Hub.Issuer, BrokerFixture.CloudAClient, BrokerFixture.RpSecret);
        var (code, verifier) = await client.AuthorizeAsync("alice@example.org", Scope);
        var tokens = await client.RedeemCodeAsync(code, verifier);
        Assert.True(tokens.Ok, tokens.ToString());
        try
        {
            fixture.Hub.Clock.Offset = TimeSpan.FromHours(11);
            var within = await client.RefreshAsync(tokens.Get("refresh_token")!);
            Assert.True(within.Ok, within.ToString());

            // Rotation does not restart the count: the newest refresh token is bound by the same upstream login.
            fixture.Hub.Clock.Offset = TimeSpan.FromHours(12) + TimeSpan.FromMinutes(5);
            var after = await client.RefreshAsync(within.Get("refresh_token")!);
            Assert.False(after.Ok, after.ToString());
            Assert.Equal("invalid_grant", after.Error);
            Assert.Contains("reauthenticateUpstreamHours", after.ErrorDescription);
            Assert.Contains("sign in again", after.ErrorDescription);
        }
        finally
        {
            fixture.Hub.Clock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_client_not_bound_to_a_provider_is_not_limited_by_the_bound()
    {
        using var client = new CodeFlowClient(fixture.Hub.Issuer, BrokerFixture.RpClient, BrokerFixture.RpSecret);
        var (code, verifier) = await client.AuthorizeAsync("alice@example.org", Scope);
        var tokens = await client.RedeemCodeAsync(code, verifier);
        try
        {
            fixture.Hub.Clock.Offset = TimeSpan.FromHours(13);
            var refreshed = await client.RefreshAsync(tokens.Get("refresh_token")!);
            Assert.True(refreshed.Ok, refreshed.ToString());
        }
        finally
        {
            fixture.Hub.Clock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task An_older_hub_session_does_not_serve_a_provider_client_the_person_goes_back_to_the_upstream()
    {
        var hub = fixture.Hub.Issuer;
        string Authorize(string clientId) =>
            $"{hub}/connect/authorize?client_id={clientId}&response_type=code&scope=openid&idp=peer&redirect_uri={Uri.EscapeDataString(BrokerFixture.RpRedirect)}" +
            "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGWSstw-cM&code_challenge_method=S256&state=s1&nonce=n1";
        bool ClientOrUpstream(string url) => url.StartsWith(BrokerFixture.RpRedirect, StringComparison.Ordinal) || url.StartsWith("http://127.0.0.1:9311/", StringComparison.Ordinal);

        using var browser = new BrowserSession();
        await browser.FollowAsync($"{hub}/login/peer?returnUrl=%2F", u => u == hub + "/");
        var tokens = fixture.Hub.Config.Hub.Tokens;
        var configured = tokens.ReauthenticateUpstreamHours;
        try
        {
            // Two hours later, with a one-hour bound: the hub session (8 h sliding) is still there.
            tokens.ReauthenticateUpstreamHours = 1;
            fixture.Hub.Clock.Offset = TimeSpan.FromHours(2);
            var (other, _) = await browser.FollowAsync(Authorize(BrokerFixture.RpClient), ClientOrUpstream);
            Assert.StartsWith(BrokerFixture.RpRedirect, other);
            var (provider, _) = await browser.FollowAsync(Authorize(BrokerFixture.CloudAClient), ClientOrUpstream);
            Assert.StartsWith("http://127.0.0.1:9311/", provider);
        }
        finally
        {
            tokens.ReauthenticateUpstreamHours = configured;
            fixture.Hub.Clock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task After_the_providers_rules_change_a_refresh_within_the_bound_carries_the_new_grants()
    {
        using var client = new CodeFlowClient(fixture.Hub.Issuer, BrokerFixture.CloudAClient, BrokerFixture.RpSecret);
        var (code, verifier) = await client.AuthorizeAsync("alice@example.org", Scope);
        var tokens = await client.RedeemCodeAsync(code, verifier);
        // The default username is per upstream (issue #11 finding 4): alice of upstream "peer" is alice@peer.
        Assert.Equal(["p-alice@peer"], ProjectNames(tokens.Get("id_token")!));

        var provider = fixture.Hub.Config.Providers.Single(p => p.Id == "cloud-a");
        var original = provider.Mapping!;
        var changed = Path.Combine(fixture.DataFolder, "mapping-cloud-a-changed.json");
        // The operator now grants cloud-a only to a group alice is not in, and a differently named project to it.
        await File.WriteAllTextAsync(changed, File.ReadAllText(original).Replace("\"scs-admins\"", "\"cloud-a-operators\"").Replace("p-{0}", "ops-{0}"));
        provider.Mapping = changed;
        try
        {
            await fixture.Hub.RestartAsync();
            var refreshed = await client.RefreshAsync(tokens.Get("refresh_token")!);
            Assert.True(refreshed.Ok, refreshed.ToString());
            Assert.Empty(ProjectNames(refreshed.Get("id_token")!));
        }
        finally
        {
            provider.Mapping = original;
            await fixture.Hub.RestartAsync();
        }
    }

    private static string[] ProjectNames(string idToken)
    {
        var token = new JsonWebToken(idToken);
        if (!token.TryGetPayloadValue<JsonElement>("projects", out var projects)) return [];
        var list = projects.ValueKind == JsonValueKind.Array ? projects.EnumerateArray().ToArray() : [projects];
        return [.. list.Select(p => p.GetProperty("name").GetString()!)];
    }
}
