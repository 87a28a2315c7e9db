using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScsFederation.Core.Configuration;
using ScsFederation.Core.Files;

namespace ScsFederation.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="HubDbContext"/> on SQLite (embedded default) or PostgreSQL, as the federation file says.</summary>
    public static IServiceCollection AddHubStorage(this IServiceCollection services, HubSettings hub)
    {
        var (provider, connectionString) = ResolveConnection(hub);
        // Everything asks for HubDbContext; the provider-specific subclass brings its own migrations.
        if (provider == "postgresql")
        {
            services.AddDbContext<HubDbContext, PostgreSqlHubDbContext>(options => { Configure(options, provider, connectionString); options.UseOpenIddict(); });
        }
        else
        {
            services.AddDbContext<HubDbContext, SqliteHubDbContext>(options => { Configure(options, provider, connectionString); options.UseOpenIddict(); });
        }
        return services;
    }

    /// <summary>A context outside dependency injection (start-up, CLI), of the provider-specific type.</summary>
    public static HubDbContext CreateContext(HubSettings hub)
    {
        var (provider, connectionString) = ResolveConnection(hub);
        if (provider == "postgresql")
        {
            var pg = new DbContextOptionsBuilder<PostgreSqlHubDbContext>();
            Configure(pg, provider, connectionString);
            return new PostgreSqlHubDbContext(pg.UseOpenIddict().Options);
        }
        var sqlite = new DbContextOptionsBuilder<SqliteHubDbContext>();
        Configure(sqlite, provider, connectionString);
        return new SqliteHubDbContext(sqlite.UseOpenIddict().Options);
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
            OwnerOnlyFiles.EnsureFolder(hub.DataFolder);
            OwnerOnlyFiles.EnsureEmptyFile(Path.Combine(hub.DataFolder, "hub.db"));
            cs = $"Data Source={Path.Combine(hub.DataFolder, "hub.db")}";
        }
        return ("sqlite", cs);
    }
}
