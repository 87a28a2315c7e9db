using ScsFederation.Core.Configuration;
using ScsFederation.Storage;

namespace ScsFederation.Hub.Tests;

/// <summary>
/// Hub databases of the provider-specific context types, so migrations run as in the hub: SQLite in a fresh
/// folder, PostgreSQL as a fresh database on the server scripts/test.sh provides (SCSFED_TEST_POSTGRES).
/// </summary>
internal static class HubTestDatabase
{
    public static string? PostgreSqlServer => Environment.GetEnvironmentVariable("SCSFED_TEST_POSTGRES");

    /// <summary>SQLite always; PostgreSQL whenever the server is there (scripts/test.sh always provides it).</summary>
    public static TheoryData<string> Storages()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (PostgreSqlServer is not null) data.Add("postgresql");
        return data;
    }

    /// <summary>Settings for a new, empty database (nothing migrated yet).</summary>
    public static async Task<HubSettings> NewAsync(string storage, string folder)
    {
        if (storage == "sqlite")
        {
            return new HubSettings { DataFolder = folder, Storage = new StorageSettings { Provider = "sqlite", ConnectionString = $"Data Source={Path.Combine(folder, "hub.db")}" } };
        }
        var server = PostgreSqlServer ?? throw new InvalidOperationException("SCSFED_TEST_POSTGRES is not set");
        var name = "scsfed_hub_" + Guid.NewGuid().ToString("n")[..12];
        await using (var conn = new Npgsql.NpgsqlConnection(server))
        {
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new HubSettings
        {
            DataFolder = folder,
            Storage = new StorageSettings { Provider = "postgresql", ConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString },
        };
    }

    /// <summary>A migrated database, as the hub initialises it at start-up.</summary>
    public static async Task<HubSettings> MigratedAsync(string storage, string folder)
    {
        var hub = await NewAsync(storage, folder);
        await using var db = StorageServiceCollectionExtensions.CreateContext(hub);
        await DatabaseInitializer.InitializeAsync(db, CancellationToken.None);
        return hub;
    }
}
