using Microsoft.EntityFrameworkCore;
using ScsFederation.Storage.Publication;

namespace ScsFederation.Storage;

// Gaia-X publication's tables: the publications of each provider and the credentials each one serves.
public partial class HubDbContext
{
    public DbSet<GaiaXPublicationEntity> GaiaXPublications => Set<GaiaXPublicationEntity>();

    public DbSet<GaiaXCredentialEntity> GaiaXCredentials => Set<GaiaXCredentialEntity>();

    partial void OnModelCreatingPublication(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<GaiaXPublicationEntity>(e =>
        {
            e.ToTable("gaiax_publications");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).HasMaxLength(64);
            e.Property(p => p.ProviderId).HasMaxLength(128);
            e.Property(p => p.IssuerDid).HasMaxLength(512);
            e.Property(p => p.InputHash).HasMaxLength(64);
            e.HasIndex(p => new { p.ProviderId, p.CreatedAt });
        });
        modelBuilder.Entity<GaiaXCredentialEntity>(e =>
        {
            e.ToTable("gaiax_credentials");
            e.HasKey(c => new { c.PublicationId, c.CredentialId });
            e.Property(c => c.PublicationId).HasMaxLength(64);
            e.Property(c => c.CredentialId).HasMaxLength(1024);
            e.Property(c => c.ProviderId).HasMaxLength(128);
            e.Property(c => c.Kind).HasMaxLength(32);
            e.Property(c => c.GxType).HasMaxLength(128);
            e.Property(c => c.MediaType).HasMaxLength(64);
            e.Property(c => c.Profile).HasMaxLength(64);
            e.Property(c => c.ETag).HasMaxLength(80);
            e.HasIndex(c => c.CredentialId);
            e.HasIndex(c => new { c.ProviderId, c.ValidUntil });
            e.HasOne<GaiaXPublicationEntity>().WithMany().HasForeignKey(c => c.PublicationId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
