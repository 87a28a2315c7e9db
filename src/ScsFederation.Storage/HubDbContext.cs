using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ScsFederation.Storage.Entities;

namespace ScsFederation.Storage;

/// <summary>
/// The hub's one database: OpenIddict's applications, authorizations, scopes and tokens, plus the federation's
/// own tables. Partial so each area (provisioning, credentials) keeps its tables in its own folder.
/// </summary>
public partial class HubDbContext : DbContext, IDataProtectionKeyContext
{
    public HubDbContext(DbContextOptions<HubDbContext> options) : base(options) { }

    /// <summary>For the provider-specific subclasses that carry the migrations (see <see cref="SqliteHubDbContext"/>).</summary>
    protected HubDbContext(DbContextOptions options) : base(options) { }

    /// <summary>ASP.NET Core data protection keys, shared so every hub instance can read the others' cookies.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<UserAccount> Accounts => Set<UserAccount>();

    public DbSet<AccountGrant> AccountGrants => Set<AccountGrant>();

    public DbSet<SigningKeyRecord> SigningKeys => Set<SigningKeyRecord>();

    public DbSet<SamlReplayEntry> SamlReplay => Set<SamlReplayEntry>();

    public DbSet<PendingSamlRequest> PendingSamlRequests => Set<PendingSamlRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();

        modelBuilder.Entity<UserAccount>(e =>
        {
            e.ToTable("accounts");
            e.HasKey(a => a.Id);
            // The link key is the upstream's configured id, not the issuer it states: an upstream that claims another's
            // issuer (a SAML entityID, an OIDC iss) still only ever reaches its own accounts.
            e.HasIndex(a => new { a.UpstreamId, a.UpstreamSubject }).IsUnique();
            e.Property(a => a.Id).HasMaxLength(64);
            e.Property(a => a.UpstreamId).HasMaxLength(64);
            e.Property(a => a.UpstreamIssuer).HasMaxLength(512);
            e.Property(a => a.UpstreamSubject).HasMaxLength(512);
        });
        modelBuilder.Entity<AccountGrant>(e =>
        {
            e.ToTable("account_grants");
            e.HasKey(g => new { g.AccountId, g.ProviderId });
        });
        modelBuilder.Entity<SigningKeyRecord>(e =>
        {
            e.ToTable("signing_keys");
            e.HasKey(k => k.KeyId);
        });
        modelBuilder.Entity<SamlReplayEntry>(e =>
        {
            e.ToTable("saml_replay");
            e.HasKey(r => r.MessageId);
        });
        modelBuilder.Entity<PendingSamlRequest>(e =>
        {
            e.ToTable("saml_pending_requests");
            e.HasKey(r => r.RequestId);
        });

        OnModelCreatingProvisioning(modelBuilder);
        OnModelCreatingPublication(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset in SQL; store UTC ticks so expiry queries translate.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        }
    }

    /// <summary>Implemented in Provisioning/ (journal, audit log, ownership records).</summary>
    partial void OnModelCreatingProvisioning(ModelBuilder modelBuilder);

    /// <summary>Implemented in Publication/ (Gaia-X publications and the credentials they serve).</summary>
    partial void OnModelCreatingPublication(ModelBuilder modelBuilder);
}
