using Microsoft.EntityFrameworkCore;

namespace ScsFederation.Storage;

/// <summary>
/// Brings the database schema up to date at start-up. Several hub instances may start together against one
/// PostgreSQL database, so creation is serialized with an advisory lock there; SQLite runs in WAL mode so the
/// hub and the CLI can use the file at the same time.
/// </summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(424242)", cancellationToken);
                await db.Database.EnsureCreatedAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(424242)", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            return;
        }

        await db.Database.EnsureCreatedAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
