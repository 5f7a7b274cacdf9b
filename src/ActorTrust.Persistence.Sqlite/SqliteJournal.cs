using ActorTrust.Runtime.Journal;
using Microsoft.Data.Sqlite;

namespace ActorTrust.Persistence.Sqlite;

/// <summary>
/// The embedded journal: one SQLite database file in WAL mode. All writes (appends, snapshots, leases) go
/// through one writer connection, one at a time, so <c>global_pos</c> order is commit order and the feed
/// never skips; reads use pooled connections and see committed data only.
/// </summary>
public sealed partial class SqliteJournal : IJournal
{
    private const string NotInitialized = "the SQLite journal is not initialized; call InitializeAsync first";
    private readonly SqliteJournalOptions _options;
    private readonly SqliteConnections _connections;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteConnection? _writer;
    private AppendBatchWriter? _appender;
    private bool _disposed;

    /// <summary>Creates a journal over <see cref="SqliteJournalOptions.DataSource"/>; call <see cref="InitializeAsync"/> before use.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public SqliteJournal(SqliteJournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _connections = new SqliteConnections(options);
    }

    /// <summary>Creates and initializes a journal (schema created or migrated).</summary>
    public static async Task<SqliteJournal> OpenAsync(SqliteJournalOptions options, CancellationToken cancellationToken) =>
        await StoreOpening.InitializeOrDisposeAsync(new SqliteJournal(options), (journal, ct) => journal.InitializeAsync(ct), cancellationToken);

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is not null)
            {
                return;
            }

            var writer = _connections.OpenWriter();
            try
            {
                SqliteSchema.Migrate(writer);
                _appender = new AppendBatchWriter(writer);
                _writer = writer;
            }
            catch
            {
                writer.Dispose();
                throw;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<StreamAppend> batch, CancellationToken cancellationToken)
    {
        AppendValidation.Validate(batch);
        if (batch.Count == 0)
        {
            return [];
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            return Appender.Write(batch);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrEmpty(snapshot.PersistenceId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(snapshot.SeqNr);
        await WriteAsync(writer =>
        {
            using var command = writer.CreateCommand();
            command.CommandText = $"INSERT OR REPLACE INTO snapshots ({JournalRows.SnapshotColumns}) VALUES ($pid, $seq, $hash, $token, $type, $payload, $at);";
            command.Parameters.AddWithValue("$pid", snapshot.PersistenceId);
            command.Parameters.AddWithValue("$seq", snapshot.SeqNr);
            command.Parameters.AddWithValue("$hash", snapshot.Hash.Bytes.ToArray());
            command.Parameters.AddWithValue("$token", snapshot.WriterToken);
            command.Parameters.AddWithValue("$type", snapshot.StateType);
            command.Parameters.AddWithValue("$payload", snapshot.Payload);
            command.Parameters.AddWithValue("$at", JournalRows.ToUnixMs(snapshot.CreatedAt));
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <summary>Reads a PRAGMA on the writer connection (tests check WAL and synchronous with it).</summary>
    internal Task<string?> ReadWriterPragmaAsync(string pragma, CancellationToken cancellationToken) =>
        WriteAsync(writer => SqliteConnections.ExecuteScalar(writer, $"PRAGMA {pragma};"), cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _appender?.Dispose();
            if (_writer is not null)
            {
                await _writer.DisposeAsync();
            }

            _connections.ClearReaderPool();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private AppendBatchWriter Appender
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _appender ?? throw new InvalidOperationException(NotInitialized);
        }
    }

    /// <summary>Runs <paramref name="work"/> on the writer connection, alone.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            _ = Appender;
            return work(_writer!);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
