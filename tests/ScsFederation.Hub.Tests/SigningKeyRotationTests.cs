using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Keys;
using ScsFederation.Storage;

namespace ScsFederation.Hub.Tests;

/// <summary>Key rotation on a real SQLite database with a clock the test moves.</summary>
public sealed class SigningKeyRotationTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-keys-").FullName;
    private readonly MovableClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private HubSettings _hub = null!;
    private HubDbContext _db = null!;

    public async Task InitializeAsync()
    {
        _hub = new HubSettings { Issuer = "http://127.0.0.1:1", DataFolder = _folder, Signing = new SigningSettings { RotationDays = 30, PrepublishDays = 2 }, Tokens = new TokenLifetimes { RefreshTokenDays = 14 } };
        var options = new DbContextOptionsBuilder<HubDbContext>().UseSqlite($"Data Source={Path.Combine(_folder, "hub.db")}").UseOpenIddict().Options;
        _db = new HubDbContext(options);
        await DatabaseInitializer.InitializeAsync(_db, CancellationToken.None);
    }

    private SigningKeyStore Store() => new(KeyEncryptionKey.Load(_hub), _hub, _clock, NullLogger<SigningKeyStore>.Instance);

    [Fact]
    public async Task Next_key_is_published_before_it_signs_and_the_old_one_stays_until_its_tokens_expire()
    {
        var first = await Store().EnsureAndLoadAsync(_db, default);
        var rs1 = first.ActiveByAlgorithm["RS256"];
        Assert.Equal(2, first.Published.Length); // one RS256, one ES256
        Assert.Contains("ES256", first.ActiveByAlgorithm.Keys);

        _clock.Now += TimeSpan.FromDays(27); // before the prepublish window: nothing new
        Assert.Equal(2, (await Store().EnsureAndLoadAsync(_db, default)).Published.Length);

        _clock.Now += TimeSpan.FromDays(1.5); // inside the window: next key published, old one still signs
        var window = await Store().EnsureAndLoadAsync(_db, default);
        Assert.Equal(4, window.Published.Length);
        Assert.Equal(rs1.KeyId, window.ActiveByAlgorithm["RS256"].KeyId);

        _clock.Now += TimeSpan.FromDays(2); // day 30.5, after retirement: the new key signs, the old one only validates
        var rotated = await Store().EnsureAndLoadAsync(_db, default);
        var rs2 = rotated.ActiveByAlgorithm["RS256"];
        Assert.NotEqual(rs1.KeyId, rs2.KeyId);
        Assert.Contains(rotated.Published, k => k.KeyId == rs1.KeyId);

        _clock.Now = rs1.ExpiresAt + TimeSpan.FromSeconds(1); // its last refresh token has expired
        var later = await Store().EnsureAndLoadAsync(_db, default);
        Assert.DoesNotContain(later.Published, k => k.KeyId == rs1.KeyId);
    }

    [Fact]
    public async Task Private_keys_are_sealed_at_rest_and_unreadable_with_another_key_encryption_key()
    {
        var snapshot = await Store().EnsureAndLoadAsync(_db, default);
        var record = await _db.SigningKeys.AsNoTracking().FirstAsync();
        var rsa = (Microsoft.IdentityModel.Tokens.RsaSecurityKey)snapshot.ActiveByAlgorithm["RS256"].Key;
        var pkcs8 = rsa.Rsa.ExportPkcs8PrivateKey();
        Assert.False(record.EncryptedPrivateKey.AsSpan().IndexOf(pkcs8.AsSpan(40, 32)) >= 0);

        var otherHub = new HubSettings { DataFolder = _hub.DataFolder, Signing = new SigningSettings { KeyEncryptionKey = Convert.ToBase64String(new byte[32]) } };
        var other = new SigningKeyStore(KeyEncryptionKey.Load(otherHub), otherHub, _clock, NullLogger<SigningKeyStore>.Instance);
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => other.EnsureAndLoadAsync(_db, default));
    }

    [Fact]
    public async Task Keys_survive_a_new_store_instance()
    {
        var a = await Store().EnsureAndLoadAsync(_db, default);
        var b = await Store().EnsureAndLoadAsync(_db, default);
        Assert.Equal(a.Published.Select(k => k.KeyId).Order(), b.Published.Select(k => k.KeyId).Order());
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    internal sealed class MovableClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}

/// <summary>A model change without a migration would break start-up on existing databases: fail here instead.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new SqliteHubDbContextFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --context SqliteHubDbContext --output-dir Migrations/Sqlite");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void The_postgresql_migrations_match_the_model()
    {
        using var db = new PostgreSqlHubDbContextFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --context PostgreSqlHubDbContext --output-dir Migrations/PostgreSql");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public async Task A_fresh_sqlite_database_is_migrated_and_a_second_start_changes_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("scsfed-migrate-").FullName;
        var hub = new HubSettings { Issuer = "http://127.0.0.1:1", DataFolder = folder };
        await using (var db = StorageServiceCollectionExtensions.CreateContext(hub))
        {
            await DatabaseInitializer.InitializeAsync(db, default);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        }
        await using (var db = StorageServiceCollectionExtensions.CreateContext(hub))
        {
            await DatabaseInitializer.InitializeAsync(db, default);
            Assert.Equal(0, await db.Accounts.CountAsync());
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
