using Microsoft.EntityFrameworkCore;
using ScsFederation.Storage.Provisioning;

namespace ScsFederation.Storage;

// Provisioning's tables: the apply journal (runs, steps), ownership records, the audit log and the run leases.
public partial class HubDbContext
{
    public DbSet<ProvisioningRunEntity> ProvisioningRuns => Set<ProvisioningRunEntity>();

    public DbSet<ProvisioningStepEntity> ProvisioningSteps => Set<ProvisioningStepEntity>();

    public DbSet<OwnedObjectEntity> OwnedObjects => Set<OwnedObjectEntity>();

    public DbSet<ProvisioningAuditEntity> ProvisioningAudit => Set<ProvisioningAuditEntity>();

    public DbSet<ProvisioningLeaseEntity> ProvisioningLeases => Set<ProvisioningLeaseEntity>();

    partial void OnModelCreatingProvisioning(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProvisioningRunEntity>(e =>
        {
            e.ToTable("provisioning_runs");
            e.HasKey(r => r.RunId);
            e.Property(r => r.RunId).HasMaxLength(64);
            e.Property(r => r.ProviderId).HasMaxLength(128);
            e.Property(r => r.Status).HasMaxLength(32);
            e.HasIndex(r => new { r.ProviderId, r.Status });
        });
        modelBuilder.Entity<ProvisioningStepEntity>(e =>
        {
            e.ToTable("provisioning_steps");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedOnAdd();
            e.Property(s => s.RunId).HasMaxLength(64);
            e.Property(s => s.ProviderId).HasMaxLength(128);
            e.Property(s => s.Action).HasMaxLength(16);
            e.Property(s => s.Status).HasMaxLength(16);
            e.HasIndex(s => new { s.RunId, s.Sequence }).IsUnique();
        });
        modelBuilder.Entity<OwnedObjectEntity>(e =>
        {
            e.ToTable("provisioning_owned_objects");
            e.HasKey(o => new { o.ProviderId, o.Origin, o.KeyText });
            e.Property(o => o.ProviderId).HasMaxLength(128);
            e.Property(o => o.Origin).HasMaxLength(32);
            e.Property(o => o.KeyText).HasMaxLength(1024);
            e.Property(o => o.KeystoneId).HasMaxLength(256);
        });
        modelBuilder.Entity<ProvisioningAuditEntity>(e =>
        {
            e.ToTable("provisioning_audit");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedOnAdd();
            e.Property(a => a.ProviderId).HasMaxLength(128);
            e.HasIndex(a => new { a.ProviderId, a.At });
            e.HasIndex(a => new { a.ProviderId, a.AccountId });
        });
        modelBuilder.Entity<ProvisioningLeaseEntity>(e =>
        {
            e.ToTable("provisioning_leases");
            e.HasKey(l => l.ProviderId);
            e.Property(l => l.ProviderId).HasMaxLength(128);
            e.Property(l => l.Holder).HasMaxLength(256);
        });
    }
}
