using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ScsFederation.Storage;

namespace ScsFederation.Provisioning.Tests.Fixtures;

/// <summary>A real SQLite database file with the hub's schema, as the hub and the CLI use it.</summary>
internal static class TestDatabase
{
    public static async Task<IDbContextFactory<HubDbContext>> CreateAsync(string path)
    {
        var options = new DbContextOptionsBuilder<HubDbContext>();
        StorageServiceCollectionExtensions.Configure(options, "sqlite", $"Data Source={path}");
        options.UseOpenIddict();
        var factory = new PooledDbContextFactory<HubDbContext>(options.Options);
        await using var db = await factory.CreateDbContextAsync();
        await DatabaseInitializer.InitializeAsync(db, CancellationToken.None);
        return factory;
    }
}
