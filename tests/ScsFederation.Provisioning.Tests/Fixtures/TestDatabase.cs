using Microsoft.EntityFrameworkCore;
using ScsFederation.Core.Configuration;
using ScsFederation.Storage;

namespace ScsFederation.Provisioning.Tests.Fixtures;

/// <summary>A real SQLite database file with the hub's schema, migrated exactly as the hub and the CLI do it.</summary>
internal static class TestDatabase
{
    public static async Task<IDbContextFactory<HubDbContext>> CreateAsync(string path)
    {
        var factory = new HubDbContextFactory(new HubSettings
        {
            DataFolder = Path.GetDirectoryName(path)!,
            Storage = new StorageSettings { Provider = "sqlite", ConnectionString = $"Data Source={path}" },
        });
        await using var db = factory.CreateDbContext();
        await DatabaseInitializer.InitializeAsync(db, CancellationToken.None);
        return factory;
    }

    /// <summary>
    /// A fresh database on the PostgreSQL scripts/postgres.sh started (scripts/test.sh exports SCSFED_TEST_POSTGRES),
    /// migrated as the hub does it.
    /// </summary>
    public static async Task<IDbContextFactory<HubDbContext>> CreatePostgreSqlAsync()
    {
        var server = PostgreSqlServer ?? throw new InvalidOperationException("SCSFED_TEST_POSTGRES is not set: start PostgreSQL with scripts/postgres.sh start");
        var name = "scsfed_prov_" + Guid.NewGuid().ToString("n")[..12];
        await using (var conn = new Npgsql.NpgsqlConnection(server))
        {
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var factory = new HubDbContextFactory(new HubSettings
        {
            Storage = new StorageSettings { Provider = "postgresql", ConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString },
        });
        await using var db = factory.CreateDbContext();
        await DatabaseInitializer.InitializeAsync(db, CancellationToken.None);
        return factory;
    }

    public static string? PostgreSqlServer => Environment.GetEnvironmentVariable("SCSFED_TEST_POSTGRES");
}
