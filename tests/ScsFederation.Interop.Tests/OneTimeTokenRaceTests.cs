using System.Net;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests;

/// <summary>
/// Refresh tokens and authorization codes are redeemed exactly once, also when one is sent many times at the same
/// moment (a stolen token raced against its owner), and any second use revokes the whole grant. Run on SQLite and on
/// PostgreSQL (SCSFED_TEST_STORAGE=postgresql): each database decides the race with its own locking.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class OneTimeTokenRaceTests(BrokerFixture fixture)
{
    private const int Concurrent = 20;

    [Fact]
    public async Task Of_twenty_concurrent_refreshes_with_one_token_exactly_one_succeeds_and_the_winners_chain_is_revoked()
    {
        using var client = new CodeFlowClient(fixture.Hub.Issuer, BrokerFixture.RpClient, BrokerFixture.RpSecret);
        var (code, verifier) = await client.AuthorizeAsync("alice@example.org", "openid groups offline_access");
        var first = await client.RedeemCodeAsync(code, verifier);
        Assert.True(first.Ok, first.ToString());
        var refreshToken = first.Get("refresh_token")!;

        var answers = await CodeFlowClient.AllAtOnceAsync(Concurrent, () => client.RefreshAsync(refreshToken));

        var winner = Assert.Single(answers, a => a.Ok);
        Assert.All(answers.Where(a => !a.Ok), a => Assert.Equal("invalid_grant", a.Error));
        await AssertChainRevokedAsync(client, winner);
    }

    [Fact]
    public async Task Of_twenty_concurrent_redemptions_of_one_authorization_code_exactly_one_succeeds_and_its_tokens_are_revoked()
    {
        using var client = new CodeFlowClient(fixture.Hub.Issuer, BrokerFixture.RpClient, BrokerFixture.RpSecret);
        var (code, verifier) = await client.AuthorizeAsync("alice@example.org", "openid groups offline_access");

        var answers = await CodeFlowClient.AllAtOnceAsync(Concurrent, () => client.RedeemCodeAsync(code, verifier));

        var winner = Assert.Single(answers, a => a.Ok);
        Assert.All(answers.Where(a => !a.Ok), a => Assert.Equal("invalid_grant", a.Error));
        await AssertChainRevokedAsync(client, winner);
    }

    [Fact]
    public async Task A_refresh_token_used_again_after_its_rotation_revokes_the_newer_tokens_and_says_why()
    {
        using var client = new CodeFlowClient(fixture.Hub.Issuer, BrokerFixture.RpClient, BrokerFixture.RpSecret);
        var (code, verifier) = await client.AuthorizeAsync("alice@example.org", "openid groups offline_access");
        var first = await client.RedeemCodeAsync(code, verifier);
        var rotated = await client.RefreshAsync(first.Get("refresh_token")!);
        Assert.True(rotated.Ok, rotated.ToString());

        var replay = await client.RefreshAsync(first.Get("refresh_token")!);

        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Equal("invalid_grant", replay.Error);
        Assert.Contains("already used", replay.ErrorDescription);
        await AssertChainRevokedAsync(client, rotated);
    }

    /// <summary>The winner's tokens die with the grant: its refresh token is refused and its access token is inactive.</summary>
    private static async Task AssertChainRevokedAsync(CodeFlowClient client, TokenAnswer winner)
    {
        var next = await client.RefreshAsync(winner.Get("refresh_token")!);
        Assert.False(next.Ok, "the winner's new refresh token still works: " + next);
        Assert.Equal("invalid_grant", next.Error);
        var introspection = await client.IntrospectAsync(winner.Get("access_token")!);
        Assert.False(introspection.TryGetProperty("active", out var active) && active.GetBoolean(), introspection.ToString());
    }
}
