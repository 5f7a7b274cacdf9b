using System.Data.Common;
using System.Globalization;
using System.Text;
using ActorTrust.Runtime.Journal;
using Microsoft.Data.Sqlite;

namespace ActorTrust.Persistence.Sqlite;

/// <summary>Reads: each query opens a pooled reader, reads one page and gives the connection back.</summary>
public sealed partial class SqliteJournal
{
    /// <inheritdoc />
    public IAsyncEnumerable<JournalRecord> ReadStreamAsync(string persistenceId, long fromSeqNr, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        var from = Math.Max(fromSeqNr, 1);
        return KeysetPages.ReadAsync<JournalRecord>(
            _options.ReplayPageSize,
            (last, ct) => QueryAsync(
                $"SELECT {JournalRows.RecordColumns} FROM journal WHERE persistence_id = $pid AND seq_nr >= $from ORDER BY seq_nr LIMIT $n;",
                command =>
                {
                    command.Parameters.AddWithValue("$pid", persistenceId);
                    command.Parameters.AddWithValue("$from", last is null ? from : last.SeqNr + 1);
                    command.Parameters.AddWithValue("$n", _options.ReplayPageSize);
                },
                JournalRows.Reader.ReadRecord,
                ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> ReadHighestSeqNrAsync(string persistenceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        var rows = await QueryAsync(
            "SELECT coalesce(max(seq_nr), 0) FROM journal WHERE persistence_id = $pid;",
            command => command.Parameters.AddWithValue("$pid", persistenceId),
            reader => reader.GetInt64(0),
            cancellationToken);
        return rows[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalRecord>> ReadFeedAsync(
        long afterPosition, int maxCount, FeedFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var kinds = filter.Kinds?.Distinct(StringComparer.Ordinal).ToArray();
        if (kinds is { Length: 0 })
        {
            return [];
        }

        var sql = new StringBuilder($"SELECT {JournalRows.RecordColumns} FROM journal WHERE global_pos > $after");
        if (kinds is not null)
        {
            sql.Append(" AND kind IN (")
                .AppendJoin(", ", kinds.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"$k{i}")))
                .Append(')');
        }

        if (filter.PersistenceId is not null)
        {
            sql.Append(" AND persistence_id = $pid");
        }

        sql.Append(" ORDER BY global_pos LIMIT $n;");
        return await QueryAsync(
            sql.ToString(),
            command =>
            {
                command.Parameters.AddWithValue("$after", afterPosition);
                command.Parameters.AddWithValue("$n", maxCount);
                for (var i = 0; i < (kinds?.Length ?? 0); i++)
                {
                    command.Parameters.AddWithValue(string.Create(CultureInfo.InvariantCulture, $"$k{i}"), kinds![i]);
                }

                if (filter.PersistenceId is not null)
                {
                    command.Parameters.AddWithValue("$pid", filter.PersistenceId);
                }
            },
            JournalRows.Reader.ReadRecord,
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>SQLite orders text by UTF-8 bytes, which is ordinal order for ids without surrogate pairs.</remarks>
    public IAsyncEnumerable<string> ReadPersistenceIdsAsync(CancellationToken cancellationToken) => ReadIdsAsync(null, null, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<string> ReadPersistenceIdsAsync(string kind, string? afterEntityId, CancellationToken cancellationToken)
    {
        var range = PersistenceIdRange.Of(kind, afterEntityId);
        return ReadIdsAsync(range.After, range.Before, cancellationToken);
    }

    /// <summary>Distinct persistence ids strictly between the bounds (null: unbounded), a page at a time.</summary>
    private IAsyncEnumerable<string> ReadIdsAsync(string? after, string? before, CancellationToken cancellationToken) =>
        KeysetPages.ReadAsync<string>(
            _options.ReplayPageSize,
            (last, ct) => ReadIdPageAsync(last ?? after, before, ct),
            cancellationToken);

    private Task<IReadOnlyList<string>> ReadIdPageAsync(string? after, string? before, CancellationToken cancellationToken)
    {
        var where = (after, before) switch
        {
            (null, null) => "",
            (_, null) => "WHERE persistence_id > $after",
            (null, _) => "WHERE persistence_id < $before",
            _ => "WHERE persistence_id > $after AND persistence_id < $before",
        };
        return QueryAsync(
            $"SELECT DISTINCT persistence_id FROM journal {where} ORDER BY persistence_id LIMIT $n;",
            command =>
            {
                command.Parameters.AddWithValue("$n", _options.ReplayPageSize);
                if (after is not null)
                {
                    command.Parameters.AddWithValue("$after", after);
                }

                if (before is not null)
                {
                    command.Parameters.AddWithValue("$before", before);
                }
            },
            reader => reader.GetString(0),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Snapshot?> LoadSnapshotAsync(string persistenceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        var rows = await QueryAsync(
            $"SELECT {JournalRows.SnapshotColumns} FROM snapshots WHERE persistence_id = $pid ORDER BY seq_nr DESC LIMIT 1;",
            command => command.Parameters.AddWithValue("$pid", persistenceId),
            JournalRows.Reader.ReadSnapshot,
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql, Action<SqliteCommand> bind, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_writer is null)
        {
            throw new InvalidOperationException(NotInitialized);
        }

        var connection = await _connections.OpenReaderAsync(cancellationToken);
        await using (connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await JournalRecordReader.ReadRowsAsync(reader, read, cancellationToken);
        }
    }
}
