using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using ScsFederation.Core.Identity;
using ScsFederation.Hub.Accounts;
using ScsFederation.Storage;
using ScsFederation.Storage.Entities;

namespace ScsFederation.Hub.Tests;

/// <summary>
/// Accounts are keyed by the configured upstream and the subject, never by the issuer an upstream states: an
/// upstream that asserts another upstream's issuer and a victim's subject gets an account of its own.
/// </summary>
public sealed class AccountLinkingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-accounts-").FullName;

    private static ExternalIdentity Identity(string upstream, string issuer, string subject, string email) =>
        new(upstream, issuer, subject, new Dictionary<string, IReadOnlyList<string>> { ["sub"] = [subject], ["email"] = [email] });

    private static Task<UserAccount> LinkAsync(HubDbContext db, ExternalIdentity identity) =>
        new AccountLinker(db, TimeProvider.System, NullLogger<AccountLinker>.Instance).LinkAsync(identity, CancellationToken.None);

    [Theory]
    [MemberData(nameof(HubTestDatabase.Storages), MemberType = typeof(HubTestDatabase))]
    public async Task Two_upstreams_with_the_same_issuer_and_subject_get_two_accounts(string storage)
    {
        var hub = await HubTestDatabase.MigratedAsync(storage, _folder);
        await using var db = StorageServiceCollectionExtensions.CreateContext(hub);
        var victim = await LinkAsync(db, Identity("uni-a", "https://idp.uni-a.example", "alice", "alice@uni-a.example"));

        // uni-b's IdP states uni-a's issuer and alice's subject: it must not reach alice's account.
        var hostile = await LinkAsync(db, Identity("uni-b", "https://idp.uni-a.example", "alice", "mallory@uni-b.example"));

        Assert.NotEqual(victim.Id, hostile.Id);
        db.ChangeTracker.Clear();
        var stored = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == victim.Id);
        Assert.Equal("uni-a", stored.UpstreamId);
        Assert.Equal("alice@uni-a.example", stored.Email);
        Assert.Equal(2, await db.Accounts.CountAsync());
    }

    [Theory]
    [MemberData(nameof(HubTestDatabase.Storages), MemberType = typeof(HubTestDatabase))]
    public async Task One_upstream_and_subject_is_one_account_whatever_issuer_it_states(string storage)
    {
        var hub = await HubTestDatabase.MigratedAsync(storage, _folder);
        await using var db = StorageServiceCollectionExtensions.CreateContext(hub);
        var first = await LinkAsync(db, Identity("uni-a", "https://idp.uni-a.example", "alice", "alice@uni-a.example"));
        var again = await LinkAsync(db, Identity("uni-a", "https://idp.uni-a.example/", "alice", "alice@uni-a.example"));
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(2, again.LoginCount);
        Assert.Equal("https://idp.uni-a.example/", again.UpstreamIssuer);
    }

    /// <summary>Rows written under the old (issuer, subject) key: the migration keeps them and makes the new key unique.</summary>
    [Theory]
    [MemberData(nameof(HubTestDatabase.Storages), MemberType = typeof(HubTestDatabase))]
    public async Task The_migration_keeps_existing_accounts_and_supersedes_all_but_the_latest_of_one_upstream_subject(string storage)
    {
        var hub = await HubTestDatabase.NewAsync(storage, _folder);
        var t0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var old = StorageServiceCollectionExtensions.CreateContext(hub))
        {
            var migrator = old.GetService<IMigrator>();
            var before = old.Database.GetMigrations().TakeWhile(m => !m.EndsWith("_AccountsByUpstream", StringComparison.Ordinal)).Last();
            await migrator.MigrateAsync(before);
            // The old key let one upstream hold one subject twice under two issuers (its metadata was renamed).
            old.Accounts.AddRange(
                new UserAccount { Id = "older", UpstreamId = "uni-a", UpstreamIssuer = "https://old.uni-a.example", UpstreamSubject = "alice", CreatedAt = t0, LastLoginAt = t0 },
                new UserAccount { Id = "newer", UpstreamId = "uni-a", UpstreamIssuer = "https://new.uni-a.example", UpstreamSubject = "alice", CreatedAt = t0, LastLoginAt = t0.AddDays(3) },
                new UserAccount { Id = "other", UpstreamId = "uni-b", UpstreamIssuer = "https://idp.uni-b.example", UpstreamSubject = "alice", CreatedAt = t0, LastLoginAt = t0 },
                new UserAccount { Id = "bob-a", UpstreamId = "uni-a", UpstreamIssuer = "https://old.uni-a.example", UpstreamSubject = "bob", CreatedAt = t0, LastLoginAt = t0 });
            await old.SaveChangesAsync();
        }

        await using var db = StorageServiceCollectionExtensions.CreateContext(hub);
        await DatabaseInitializer.InitializeAsync(db, CancellationToken.None);
        var rows = await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.Id, a => (a.UpstreamId, a.UpstreamSubject));
        Assert.Equal(4, rows.Count);
        Assert.Equal(("uni-a", "alice"), rows["newer"]);
        Assert.Equal(("uni-a", "superseded:older"), rows["older"]);
        Assert.Equal(("uni-b", "alice"), rows["other"]);
        Assert.Equal(("uni-a", "bob"), rows["bob-a"]);

        // The person's next login reaches the account used last.
        var linked = await LinkAsync(db, Identity("uni-a", "https://new.uni-a.example", "alice", "alice@uni-a.example"));
        Assert.Equal("newer", linked.Id);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
