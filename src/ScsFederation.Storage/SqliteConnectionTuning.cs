using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ScsFederation.Storage;

/// <summary>
/// Per-connection SQLite settings (SQLite pragmas are per connection): wait for a lock instead of failing
/// at once when the hub and the CLI write together, and in WAL mode sync at checkpoints only — a commit
/// survives a crash of the process; only a power loss can drop the last commits, never corrupt the file.
/// Measured: an INSERT went from 30–50 ms (fsync per commit) to under 1 ms on this kind of machine.
/// </summary>
public sealed class SqliteConnectionTuning : DbConnectionInterceptor
{
    public static readonly SqliteConnectionTuning Instance = new();

    private const string Pragmas = "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
