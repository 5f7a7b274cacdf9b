using System.Collections.Concurrent;
using ActorTrust.Persistence.Sqlite;
using ActorTrust.Runtime.Journal;
using Npgsql;

namespace ActorTrust.Persistence.PostgreSql;

/// <summary>
/// The clustered journal on PostgreSQL. Each <see cref="AppendAsync"/> batch is one transaction that reserves its
/// feed positions first, locks the batch's shard lease rows <c>FOR SHARE</c> and checks each writer's owner node and
/// fencing token, checks each stream's head, and inserts every accepted event in one statement. The global feed is
/// read below the oldest running transaction, so it never skips an event of a slow transaction (ops/sql/README.md).
/// </summary>
public sealed partial class PostgreSqlJournal : IJournal
{
    private const string NotInitialized = "the PostgreSQL journal is not initialized; call InitializeAsync first";
    private readonly PostgreSqlJournalOptions _options;
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _appendSource;
    private readonly ConcurrentDictionary<string, int> _registeredKinds = new(StringComparer.Ordinal);
    private volatile bool _initialized;
    private int _disposed;
    private long _oneStatementAppends;

    /// <summary>Creates a journal over <see cref="PostgreSqlJournalOptions.ConnectionString"/>; call <see cref="InitializeAsync"/> before use.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public PostgreSqlJournal(PostgreSqlJournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _dataSource = options.CreateReadDataSource();
        _appendSource = options.CreateAppendDataSource();
    }

    /// <summary>Creates and initializes a journal (schema created or migrated).</summary>
    public static async Task<PostgreSqlJournal> OpenAsync(PostgreSqlJournalOptions options, CancellationToken cancellationToken) =>
        await StoreOpening.InitializeOrDisposeAsync(new PostgreSqlJournal(options), (journal, ct) => journal.InitializeAsync(ct), cancellationToken);

    /// <summary>
    /// Opens an existing journal for reading without creating or migrating anything: the schema must already be this
    /// build's (an auditor's read never writes).
    /// </summary>
    /// <exception cref="InvalidOperationException">The database holds no journal, or another schema version.</exception>
    public static async Task<PostgreSqlJournal> OpenExistingAsync(PostgreSqlJournalOptions options, CancellationToken cancellationToken)
    {
        var journal = new PostgreSqlJournal(options);
        try
        {
            await PostgreSqlSchema.CheckAsync(journal._dataSource, cancellationToken);
            journal._initialized = true;
            return journal;
        }
        catch
        {
            await journal.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await PostgreSqlSchema.MigrateAsync(_dataSource, cancellationToken);
        _initialized = true;
    }

    /// <inheritdoc />
    /// <remarks>
    /// When the batch transaction hits a unique violation on <c>(persistence_id, seq_nr)</c> (a second writer got
    /// there in spite of fencing, or two racing writers of one stream) or a deadlock, it is rolled back and every
    /// stream is re-run in its own transaction, so one zombie does not fail unrelated streams. A stream whose own
    /// transaction still hits the unique key lost the race: <see cref="AppendStatus.SequenceConflict"/>.
    /// </remarks>
    public async Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<StreamAppend> batch, CancellationToken cancellationToken)
    {
        AppendValidation.Validate(batch);
        if (batch.Count == 0)
        {
            return [];
        }

        EnsureReady();
        try
        {
            return await RunAppendAsync(batch, cancellationToken);
        }
        catch (PostgresException e) when (IsWriteRace(e) && batch.Count > 1)
        {
            var outcomes = new AppendOutcome[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = await AppendAloneAsync(batch[i], cancellationToken);
            }

            return outcomes;
        }
        catch (PostgresException e) when (IsWriteRace(e))
        {
            return [LostRace(batch[0], e)];
        }
    }

    /// <inheritdoc />
    public async Task SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrEmpty(snapshot.PersistenceId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(snapshot.SeqNr);
        ArgumentNullException.ThrowIfNull(snapshot.Payload);
        ArgumentException.ThrowIfNullOrEmpty(snapshot.StateType);
        EnsureReady();
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO snapshots ({JournalRows.SnapshotColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (persistence_id, seq_nr) DO UPDATE
               SET hash = excluded.hash, writer_token = excluded.writer_token, state_type = excluded.state_type,
                   payload = excluded.payload, created_at = excluded.created_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot.PersistenceId });
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot.SeqNr });
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot.Hash.Bytes.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot.WriterToken });
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot.StateType });
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot.Payload });
        command.Parameters.Add(new NpgsqlParameter { Value = JournalRows.ToUtc(snapshot.CreatedAt) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _dataSource.DisposeAsync();
            await _appendSource.DisposeAsync();
        }
    }

    private async Task<AppendOutcome> AppendAloneAsync(StreamAppend append, CancellationToken cancellationToken)
    {
        try
        {
            return (await RunAppendAsync([append], cancellationToken))[0];
        }
        catch (PostgresException e) when (IsWriteRace(e))
        {
            return LostRace(append, e);
        }
    }

    /// <summary>Batches appended by the one-statement path so far (for tests).</summary>
    internal long OneStatementAppends => Interlocked.Read(ref _oneStatementAppends);

    /// <summary>
    /// The usual batch — one append per stream, every kind known registered — is one <c>journal_append_fenced</c> statement
    /// (<see cref="AppendStatement"/>); any other takes the general <see cref="AppendTransaction"/>, which also learns kinds.
    /// Both run on the append pool's few connections.
    /// </summary>
    private async Task<AppendOutcome[]> RunAppendAsync(IReadOnlyList<StreamAppend> batch, CancellationToken cancellationToken)
    {
        if (AppendStatement.TryShardsOf(batch, _registeredKinds) is { } shards)
        {
            var outcomes = await AppendStatement.RunAsync(_appendSource, batch, shards, cancellationToken);
            Interlocked.Increment(ref _oneStatementAppends);
            return outcomes;
        }

        return await AppendTransaction.RunAsync(_appendSource, batch, _registeredKinds, cancellationToken);
    }

    private static bool IsWriteRace(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;

    private static AppendOutcome LostRace(StreamAppend append, PostgresException e) => new(
        append.PersistenceId, AppendStatus.SequenceConflict, [],
        $"another writer committed seq {append.ExpectedSeqNr + 1} of the stream concurrently ({e.SqlState}: {e.MessageText})");

    private void EnsureReady()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!_initialized)
        {
            throw new InvalidOperationException(NotInitialized);
        }
    }
}
