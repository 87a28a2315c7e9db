using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ScsFederation.Storage;

// EF Core keeps one migration history per context type, and SQLite and PostgreSQL need different SQL, so
// each provider gets a subclass that owns its migrations (Migrations/Sqlite, Migrations/PostgreSql). The
// rest of the code only ever sees HubDbContext.

/// <summary>The hub's database on SQLite, with the SQLite migrations.</summary>
public sealed class SqliteHubDbContext(DbContextOptions<SqliteHubDbContext> options) : HubDbContext(options);

/// <summary>The hub's database on PostgreSQL, with the PostgreSQL migrations.</summary>
public sealed class PostgreSqlHubDbContext(DbContextOptions<PostgreSqlHubDbContext> options) : HubDbContext(options);

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteHubDbContext</c> build the model without the hub.</summary>
public sealed class SqliteHubDbContextFactory : IDesignTimeDbContextFactory<SqliteHubDbContext>
{
    public SqliteHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteHubDbContext>().UseSqlite("Data Source=design-time.db").UseOpenIddict().Options);
}

/// <summary>Design-time factory for the PostgreSQL migrations (no server is contacted to generate them).</summary>
public sealed class PostgreSqlHubDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlHubDbContext>
{
    public PostgreSqlHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlHubDbContext>().UseNpgsql("Host=localhost;Database=design").UseOpenIddict().Options);
}

/// <summary>Contexts of the provider-specific type for code that needs a factory (CLI, provisioning broker).</summary>
public sealed class HubDbContextFactory(ScsFederation.Core.Configuration.HubSettings hub) : IDbContextFactory<HubDbContext>
{
    public HubDbContext CreateDbContext() => StorageServiceCollectionExtensions.CreateContext(hub);
}
