using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScsFederation.Core.Configuration;

namespace ScsFederation.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="HubDbContext"/> on SQLite (embedded default) or PostgreSQL, as the federation file says.</summary>
    public static IServiceCollection AddHubStorage(this IServiceCollection services, HubSettings hub)
    {
        var (provider, connectionString) = ResolveConnection(hub);
        services.AddDbContext<HubDbContext>(options =>
        {
            Configure(options, provider, connectionString);
            options.UseOpenIddict();
        });
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, string provider, string connectionString)
    {
        if (provider == "postgresql")
        {
            options.UseNpgsql(connectionString);
        }
        else
        {
            options.UseSqlite(connectionString).AddInterceptors(SqliteConnectionTuning.Instance);
        }
    }

    /// <summary>The provider and connection string in force; SQLite defaults to <c>hub.db</c> in the data folder.</summary>
    public static (string Provider, string ConnectionString) ResolveConnection(HubSettings hub)
    {
        if (hub.Storage.Provider == "postgresql")
        {
            return ("postgresql", hub.Storage.ConnectionString!);
        }

        var cs = hub.Storage.ConnectionString;
        if (string.IsNullOrWhiteSpace(cs))
        {
            Directory.CreateDirectory(hub.DataFolder);
            cs = $"Data Source={Path.Combine(hub.DataFolder, "hub.db")}";
        }
        return ("sqlite", cs);
    }
}
