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
}
