using System.Data.Common;
using System.Text;
using ActorTrust.Runtime.Journal;
using Npgsql;
using NpgsqlTypes;

namespace ActorTrust.Persistence.PostgreSql;

/// <summary>Reads: each query borrows a pooled connection, reads one page and gives it back.</summary>
public sealed partial class PostgreSqlJournal
{
    /// <inheritdoc />
    public IAsyncEnumerable<JournalRecord> ReadStreamAsync(string persistenceId, long fromSeqNr, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        var from = Math.Max(fromSeqNr, 1);
        return KeysetPages.ReadAsync<JournalRecord>(
            _options.ReplayPageSize,
            (last, ct) => QueryAsync(
                $"SELECT {JournalRows.RecordColumns} FROM journal WHERE persistence_id = $1 AND seq_nr >= $2 ORDER BY seq_nr LIMIT $3",
                [persistenceId, last is null ? from : last.SeqNr + 1, _options.ReplayPageSize],
                JournalRows.Reader.ReadRecord,
                ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> ReadHighestSeqNrAsync(string persistenceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        var rows = await QueryAsync(
            "SELECT coalesce(max(seq_nr), 0) FROM journal WHERE persistence_id = $1",
            [persistenceId],
            reader => reader.GetInt64(0),
            cancellationToken);
        return rows[0];
    }

    /// <inheritdoc />
    /// <remarks>
    /// Only rows of transactions older than the statement snapshot's xmin are returned: every transaction below
    /// xmin has finished, so nothing can still appear below the positions returned. Ordering by
    /// <c>global_pos</c> is the same as ordering by <c>(tx_id, global_pos)</c>, because
    /// <c>journal_reserve_positions</c> hands out xids and positions together under one lock (ops/sql/README.md);
    /// it lets the <c>global_pos</c> index serve the cursor.
    /// </remarks>
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

        var sql = new StringBuilder($"SELECT {JournalRows.RecordColumns} FROM journal")
            .Append(" WHERE global_pos > $1 AND tx_id < pg_snapshot_xmin(pg_current_snapshot())");
        var parameters = new List<object> { afterPosition, maxCount };
        if (kinds is not null)
        {
            parameters.Add(kinds);
            sql.Append(" AND kind = ANY($3)");
        }

        if (filter.PersistenceId is not null)
        {
            parameters.Add(filter.PersistenceId);
            sql.Append(kinds is null ? " AND persistence_id = $3" : " AND persistence_id = $4");
        }

        sql.Append(" ORDER BY global_pos LIMIT $2");
        return await QueryAsync(sql.ToString(), parameters, JournalRows.Reader.ReadRecord, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Ordered by the "C" collation: code point order, which is ordinal order for ids without surrogate pairs.</remarks>
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
            // $2/$3 null means unbounded on that side; the planner still uses the (persistence_id, seq_nr) index range.
            (last, ct) => QueryAsync(
                """
                SELECT DISTINCT persistence_id COLLATE "C" AS pid FROM journal
                 WHERE ($2::text IS NULL OR persistence_id COLLATE "C" > $2) AND ($3::text IS NULL OR persistence_id COLLATE "C" < $3)
                 ORDER BY pid LIMIT $1
                """,
                [_options.ReplayPageSize, (object?)(last ?? after) ?? DBNull.Value, (object?)before ?? DBNull.Value],
                reader => reader.GetString(0),
                ct),
            cancellationToken);

    /// <inheritdoc />
    public async Task<Snapshot?> LoadSnapshotAsync(string persistenceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        var rows = await QueryAsync(
            $"SELECT {JournalRows.SnapshotColumns} FROM snapshots WHERE persistence_id = $1 ORDER BY seq_nr DESC LIMIT 1",
            [persistenceId],
            JournalRows.Reader.ReadSnapshot,
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql, IReadOnlyList<object> parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        EnsureReady();
        await using var command = _dataSource.CreateCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(value is string[]
                ? new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text }
                : new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await JournalRecordReader.ReadRowsAsync(reader, read, cancellationToken);
    }
}
