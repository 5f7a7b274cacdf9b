using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ActorTrust.Persistence.Sqlite;

/// <summary>
/// Opens the journal's connections: one long-lived writer (not pooled, WAL, the configured synchronous mode)
/// and pooled readers. Every connection gets the busy timeout and <c>foreign_keys=ON</c>.
/// </summary>
internal sealed class SqliteConnections
{
    private readonly SqliteJournalOptions _options;
    private readonly string _writerConnectionString;
    private readonly string _readerConnectionString;

    public SqliteConnections(SqliteJournalOptions options)
    {
        _options = options;
        var timeoutSeconds = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds);
        _writerConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DataSource,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = timeoutSeconds,
        }.ToString();
        _readerConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DataSource,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = timeoutSeconds,
        }.ToString();
    }

    /// <summary>Opens the writer: WAL journal mode, the configured synchronous level and WAL checkpoint size, foreign keys on.</summary>
    public SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(_writerConnectionString);
        try
        {
            connection.Open();
            ApplyCommonPragmas(connection);
            var mode = ExecuteScalar(connection, "PRAGMA journal_mode=WAL;");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"journal database '{_options.DataSource}' could not switch to WAL mode (journal_mode is '{mode}')");
            }

            var synchronous = _options.Synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL";
            ExecuteScalar(connection, $"PRAGMA synchronous={synchronous};");
            ExecuteScalar(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA wal_autocheckpoint={_options.WalAutoCheckpointPages};"));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens a pooled reader.</summary>
    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readerConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            ApplyCommonPragmas(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the idle pooled readers (so the files are released on dispose).</summary>
    public void ClearReaderPool()
    {
        using var connection = new SqliteConnection(_readerConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>Runs a statement and returns its first column as text (for PRAGMAs).</summary>
    public static string? ExecuteScalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private void ApplyCommonPragmas(SqliteConnection connection)
    {
        var busyMs = (long)_options.BusyTimeout.TotalMilliseconds;
        using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout={busyMs}; PRAGMA foreign_keys=ON;");
        command.ExecuteNonQuery();
    }
}
