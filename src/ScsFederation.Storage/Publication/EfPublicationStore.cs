using Microsoft.EntityFrameworkCore;
using ScsFederation.SelfDescription.Publication;

namespace ScsFederation.Storage.Publication;

/// <summary>
/// <see cref="IPublicationStore"/> on the hub database (SQLite or PostgreSQL). A publication and all its credentials
/// are inserted in one transaction, so a crash or a failed write leaves the previous publication current; a label is
/// (re)placed in its own transaction. Which publication is current is derived (newest <c>CreatedAt</c> of the
/// provider), never stored, so there is no second write that could be lost. A label is served only with the
/// publication it was issued for: an older label vouches for credentials that have since been replaced at the same URLs.
/// </summary>
public sealed class EfPublicationStore(IDbContextFactory<HubDbContext> contexts) : IPublicationStore
{
    public async Task SaveAsync(ProviderPublication publication, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.GaiaXPublications.Add(new GaiaXPublicationEntity
        {
            Id = publication.Id, ProviderId = publication.ProviderId, IssuerDid = publication.IssuerDid,
            CreatedAt = publication.CreatedAt.ToUniversalTime(), InputHash = publication.InputHash,
        });
        foreach (var c in publication.Credentials) db.GaiaXCredentials.Add(Row(publication, c));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task AddLabelAsync(string publicationId, PublishedCredential label, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var publication = await db.GaiaXPublications.AsNoTracking().SingleOrDefaultAsync(p => p.Id == publicationId, cancellationToken)
                          ?? throw new InvalidOperationException($"no publication {publicationId}");
        await db.GaiaXCredentials.Where(c => c.PublicationId == publicationId && c.Kind == PublishedKind.Label).ExecuteDeleteAsync(cancellationToken);
        db.GaiaXCredentials.Add(Row(ToModel(publication, []), label));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<ProviderPublication?> CurrentAsync(string providerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var current = await CurrentRowAsync(db, providerId, cancellationToken);
        if (current is null) return null;
        var credentials = await db.GaiaXCredentials.AsNoTracking().Where(c => c.PublicationId == current.Id).ToListAsync(cancellationToken);
        return ToModel(current, credentials.OrderBy(c => c.CredentialId, StringComparer.Ordinal).Select(ToModel).ToList());
    }

    public async Task<PublishedCredential?> FindAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Instants compare as UTC ticks on SQLite (DateTimeOffsetToBinaryConverter): everything stored and asked is UTC.
        now = now.ToUniversalTime();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await (from c in db.GaiaXCredentials.AsNoTracking()
                                join p in db.GaiaXPublications.AsNoTracking() on c.PublicationId equals p.Id
                                where c.CredentialId == id && c.ValidUntil > now
                                select new { Credential = c, p.CreatedAt }).ToListAsync(cancellationToken);
        if (candidates.Count == 0) return null;
        var newest = candidates.OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Credential.PublicationId, StringComparer.Ordinal).First().Credential;
        if (newest.Kind == PublishedKind.Label)
        {
            var current = await CurrentRowAsync(db, newest.ProviderId, cancellationToken);
            if (current?.Id != newest.PublicationId) return null;
        }
        return ToModel(newest);
    }

    public async Task<IReadOnlyList<PublishedCredential>> ListAsync(string providerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        now = now.ToUniversalTime();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var current = await CurrentRowAsync(db, providerId, cancellationToken);
        var rows = await (from c in db.GaiaXCredentials.AsNoTracking()
                          join p in db.GaiaXPublications.AsNoTracking() on c.PublicationId equals p.Id
                          where c.ProviderId == providerId && c.ValidUntil > now
                          select new { Credential = c, p.CreatedAt }).ToListAsync(cancellationToken);
        return rows
            .Where(x => x.Credential.Kind != PublishedKind.Label || x.Credential.PublicationId == current?.Id)
            .GroupBy(x => x.Credential.CredentialId, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Credential.PublicationId, StringComparer.Ordinal).First().Credential)
            .OrderBy(c => c.CredentialId, StringComparer.Ordinal)
            .Select(ToModel).ToList();
    }

    /// <summary>
    /// Deletes credential rows past their validUntil (nothing serves them), then publications left without any row —
    /// except each provider's newest, which stays current so an older publication can never become current again.
    /// Returns the number of credential rows deleted.
    /// </summary>
    public static async Task<int> PurgeExpiredAsync(HubDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        now = now.ToUniversalTime();
        var deleted = await db.GaiaXCredentials.Where(c => c.ValidUntil < now).ExecuteDeleteAsync(cancellationToken);
        var publications = await db.GaiaXPublications.AsNoTracking().Select(p => new { p.Id, p.ProviderId, p.CreatedAt }).ToListAsync(cancellationToken);
        var withRows = (await db.GaiaXCredentials.AsNoTracking().Select(c => c.PublicationId).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var newest = publications.GroupBy(p => p.ProviderId)
            .Select(g => g.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id, StringComparer.Ordinal).First().Id).ToHashSet(StringComparer.Ordinal);
        var empty = publications.Where(p => !withRows.Contains(p.Id) && !newest.Contains(p.Id)).Select(p => p.Id).ToList();
        if (empty.Count > 0) await db.GaiaXPublications.Where(p => empty.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        return deleted;
    }

    private static async Task<GaiaXPublicationEntity?> CurrentRowAsync(HubDbContext db, string providerId, CancellationToken cancellationToken)
    {
        // Ordered in memory: SQLite stores DateTimeOffset as ticks, which order correctly, but a provider has few publications anyway.
        var rows = await db.GaiaXPublications.AsNoTracking().Where(p => p.ProviderId == providerId).ToListAsync(cancellationToken);
        return rows.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id, StringComparer.Ordinal).FirstOrDefault();
    }

    private static GaiaXCredentialEntity Row(ProviderPublication publication, PublishedCredential c) => new()
    {
        PublicationId = publication.Id, CredentialId = c.Id, ProviderId = publication.ProviderId, Kind = c.Kind, GxType = c.GxType,
        MediaType = c.MediaType, Body = c.Body, Profile = c.Profile, IssuedAt = c.IssuedAt.ToUniversalTime(), ValidUntil = c.ValidUntil.ToUniversalTime(), ETag = c.ETag,
    };

    private static PublishedCredential ToModel(GaiaXCredentialEntity c) =>
        new(c.CredentialId, c.Kind, c.GxType, c.MediaType, c.Body, c.Profile, c.IssuedAt, c.ValidUntil);

    private static ProviderPublication ToModel(GaiaXPublicationEntity p, IReadOnlyList<PublishedCredential> credentials) =>
        new(p.Id, p.ProviderId, p.IssuerDid, p.CreatedAt, p.InputHash, credentials);
}
