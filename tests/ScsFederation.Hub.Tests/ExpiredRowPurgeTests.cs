using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Housekeeping;
using ScsFederation.Storage;
using ScsFederation.Storage.Entities;

namespace ScsFederation.Hub.Tests;

/// <summary>
/// Expired pending SAML requests, SAML replay entries and OpenIddict login state (codes, tokens, ad-hoc
/// authorizations) are purged; rows still in use stay. On the hub's real migrated schema, SQLite and PostgreSQL.
/// </summary>
public sealed class ExpiredRowPurgeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-purge-").FullName;

    private static ServiceProvider Services(HubSettings hub)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(hub);
        services.AddSingleton(TimeProvider.System);
        services.AddHubStorage(hub);
        services.AddOpenIddict().AddCore(o => o.UseEntityFrameworkCore().UseDbContext<HubDbContext>());
        services.AddExpiredRowPurge();
        return services.BuildServiceProvider();
    }

    private static async Task SeedSamlRowsAsync(IServiceProvider services, DateTimeOffset now)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        db.PendingSamlRequests.AddRange(
            new PendingSamlRequest { RequestId = "_expired", UpstreamId = "u", ExpiresAt = now.AddMinutes(-1) },
            new PendingSamlRequest { RequestId = "_live", UpstreamId = "u", ExpiresAt = now.AddMinutes(9) });
        db.SamlReplay.AddRange(
            new SamlReplayEntry { MessageId = "idp\n_expired", ExpiresAt = now.AddSeconds(-1) },
            new SamlReplayEntry { MessageId = "idp\n_live", ExpiresAt = now.AddMinutes(5) });
        await db.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(HubTestDatabase.Storages), MemberType = typeof(HubTestDatabase))]
    public async Task Expired_rows_are_removed_and_live_ones_stay(string storage)
    {
        var hub = await HubTestDatabase.MigratedAsync(storage, _folder);
        hub.Tokens = new TokenLifetimes { RefreshTokenDays = 14 };
        await using var services = Services(hub);
        var now = DateTimeOffset.UtcNow;
        await SeedSamlRowsAsync(services, now);

        await using (var scope = services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
            var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
            async Task Token(string subject, string status, TimeSpan age, TimeSpan lifetime) => await tokens.CreateAsync(new OpenIddictTokenDescriptor
            {
                Subject = subject, Status = status, Type = OpenIddictConstants.TokenTypeHints.RefreshToken,
                CreationDate = now - age, ExpirationDate = now - age + lifetime,
            });
            await Token("expired-long-ago", OpenIddictConstants.Statuses.Valid, TimeSpan.FromDays(30), TimeSpan.FromDays(14));
            await Token("revoked-long-ago", OpenIddictConstants.Statuses.Revoked, TimeSpan.FromDays(20), TimeSpan.FromDays(14));
            await Token("live", OpenIddictConstants.Statuses.Valid, TimeSpan.FromHours(1), TimeSpan.FromDays(14));
            // Redeemed yesterday: kept so presenting it again is still recognised as reuse.
            await Token("redeemed-yesterday", OpenIddictConstants.Statuses.Redeemed, TimeSpan.FromDays(1), TimeSpan.FromDays(14));
            await authorizations.CreateAsync(new OpenIddictAuthorizationDescriptor { Subject = "ad-hoc-old", Status = OpenIddictConstants.Statuses.Valid, Type = OpenIddictConstants.AuthorizationTypes.AdHoc, CreationDate = now.AddDays(-30) });
            await authorizations.CreateAsync(new OpenIddictAuthorizationDescriptor { Subject = "permanent-old", Status = OpenIddictConstants.Statuses.Valid, Type = OpenIddictConstants.AuthorizationTypes.Permanent, CreationDate = now.AddDays(-30) });
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var counts = await scope.ServiceProvider.GetRequiredService<ExpiredRowPurger>().PurgeAsync(CancellationToken.None);
            Assert.Equal(new PurgeCounts(1, 1, 2, 1), counts);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            Assert.Equal(["_live"], await db.PendingSamlRequests.Select(r => r.RequestId).ToListAsync());
            Assert.Equal(["idp\n_live"], await db.SamlReplay.Select(r => r.MessageId).ToListAsync());
            var tokenSubjects = await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken>().Select(t => t.Subject).OrderBy(s => s).ToListAsync();
            Assert.Equal(["live", "redeemed-yesterday"], tokenSubjects);
            var authorizationSubjects = await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreAuthorization>().Select(a => a.Subject).ToListAsync();
            Assert.Equal(["permanent-old"], authorizationSubjects);
        }
    }

    [Fact]
    public async Task The_hosted_service_purges_at_start_up_and_the_interval_defaults_to_a_quarter_hour()
    {
        Assert.Equal(15, new HubSettings().PurgeIntervalMinutes);
        var hub = await HubTestDatabase.MigratedAsync("sqlite", _folder);
        await using var services = Services(hub);
        await SeedSamlRowsAsync(services, DateTimeOffset.UtcNow);

        var service = services.GetServices<IHostedService>().OfType<ExpiredRowPurgeService>().Single();
        await service.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            List<string> left;
            do
            {
                await Task.Delay(100);
                await using var scope = services.CreateAsyncScope();
                left = await scope.ServiceProvider.GetRequiredService<HubDbContext>().PendingSamlRequests.Select(r => r.RequestId).ToListAsync();
            }
            while (left.Count > 1 && DateTime.UtcNow < deadline);
            Assert.Equal(["_live"], left);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
