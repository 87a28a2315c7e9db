using Npgsql;
using ScsFederation.Core.Configuration;

namespace ScsFederation.Interop.Tests.Infrastructure;

/// <summary>
/// Where a test hub keeps its data: SQLite in a fresh folder, or (SCSFED_TEST_STORAGE=postgresql) a fresh
/// database on the PostgreSQL that scripts/postgres.sh started (SCSFED_TEST_POSTGRES).
/// </summary>
public static class TestStorage
{
    public static string Kind => Environment.GetEnvironmentVariable("SCSFED_TEST_STORAGE") ?? "sqlite";

    public static async Task ApplyAsync(HubSettings hub, string dataFolder)
    {
        hub.DataFolder = dataFolder;
        if (Kind != "postgresql")
        {
            hub.Storage = new StorageSettings { Provider = "sqlite" };
            return;
        }

        var server = Environment.GetEnvironmentVariable("SCSFED_TEST_POSTGRES")
                     ?? throw new InvalidOperationException("SCSFED_TEST_STORAGE=postgresql needs SCSFED_TEST_POSTGRES (start it with scripts/postgres.sh start)");
        var name = "scsfed_test_" + Guid.NewGuid().ToString("n")[..12];
        await using (var conn = new NpgsqlConnection(server))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        hub.Storage = new StorageSettings { Provider = "postgresql", ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString };
    }
}
