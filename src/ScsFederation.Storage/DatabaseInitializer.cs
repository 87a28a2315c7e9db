using Microsoft.EntityFrameworkCore;

namespace ScsFederation.Storage;

/// <summary>
/// Brings the database schema up to date at start-up. Several hub instances may start together against one
/// PostgreSQL database, so creation is serialized with an advisory lock there; SQLite runs in WAL mode so the
/// hub and the CLI can use the file at the same time.
/// </summary>
public static class DatabaseInitializer
{
    /// <summary>Applies the provider's migrations; a plain HubDbContext (tests, tools) has none and is created from the model.</summary>
    private static async Task CreateOrMigrateAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        if (db is SqliteHubDbContext or PostgreSqlHubDbContext)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        else
        {
            await db.Database.EnsureCreatedAsync(cancellationToken);
        }
    }

    public static async Task InitializeAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(424242)", cancellationToken);
                await CreateOrMigrateAsync(db, cancellationToken);
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(424242)", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            return;
        }

        if (db.Database.IsSqlite())
        {
            // WAL first: the migration itself then runs in WAL mode.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }
        await CreateOrMigrateAsync(db, cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
