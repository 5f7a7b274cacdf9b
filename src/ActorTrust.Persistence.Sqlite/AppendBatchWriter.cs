using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Journal;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ActorTrust.Persistence.Sqlite;

/// <summary>
/// Writes validated batches on the writer connection, one <c>BEGIN IMMEDIATE</c> transaction per batch, with
/// two statements prepared once and reused for every row. Not thread-safe: the journal serialises callers.
/// </summary>
/// <remarks>
/// Stream heads this writer committed are remembered, so a stream's next append skips the head query. The
/// cache is only a shortcut: the <c>(persistence_id, seq_nr)</c> key still refuses a duplicate if some other
/// process wrote the same stream, which fails the batch as a whole; after any failed batch the cache is dropped.
/// </remarks>
internal sealed class AppendBatchWriter : IDisposable
{
    private const int MaxCachedHeads = 100_000;

    private readonly Dictionary<string, (long SeqNr, Digest Hash, long WriterToken)> _heads = new(StringComparer.Ordinal);
    private readonly List<(string Pid, (long, Digest, long) Head)> _committing = [];
    private readonly Dictionary<string, int> _committingIndex = new(StringComparer.Ordinal);
    private readonly byte[] _prevHash = new byte[Digest.ByteLength];
    private readonly byte[] _hash = new byte[Digest.ByteLength];
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _readHead;
    private readonly SqliteParameter _headPid;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _row;

    public AppendBatchWriter(SqliteConnection connection)
    {
        _connection = connection;
        _readHead = connection.CreateCommand();
        _readHead.CommandText = "SELECT seq_nr, hash, writer_token FROM journal WHERE persistence_id = $pid ORDER BY seq_nr DESC LIMIT 1;";
        _headPid = _readHead.Parameters.Add("$pid", SqliteType.Text);

        _insert = connection.CreateCommand();
        _insert.CommandText = """
            INSERT INTO journal (persistence_id, kind, seq_nr, event_type, payload, timestamp_ms, writer_node, writer_token, command_id, prev_hash, hash)
            VALUES ($pid, $kind, $seq, $type, $payload, $ts, $node, $token, $cmd, $prev, $hash);
            """;
        _row =
        [
            _insert.Parameters.Add("$pid", SqliteType.Text),
            _insert.Parameters.Add("$kind", SqliteType.Text),
            _insert.Parameters.Add("$seq", SqliteType.Integer),
            _insert.Parameters.Add("$type", SqliteType.Text),
            _insert.Parameters.Add("$payload", SqliteType.Blob),
            _insert.Parameters.Add("$ts", SqliteType.Integer),
            _insert.Parameters.Add("$node", SqliteType.Text),
            _insert.Parameters.Add("$token", SqliteType.Integer),
            _insert.Parameters.Add("$cmd", SqliteType.Text),
            _insert.Parameters.Add("$prev", SqliteType.Blob),
            _insert.Parameters.Add("$hash", SqliteType.Blob),
        ];
    }

    /// <summary>Writes the batch in one transaction; an exception rolls all of it back.</summary>
    public IReadOnlyList<AppendOutcome> Write(IReadOnlyList<StreamAppend> batch)
    {
        var outcomes = new AppendOutcome[batch.Count];
        _committing.Clear();
        _committingIndex.Clear();
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            _readHead.Transaction = transaction;
            _insert.Transaction = transaction;
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = WriteStream(batch[i]);
            }

            transaction.Commit();
        }
        catch
        {
            _heads.Clear();
            throw;
        }

        if (_heads.Count + _committing.Count > MaxCachedHeads)
        {
            _heads.Clear();
        }

        foreach (var (pid, head) in _committing)
        {
            _heads[pid] = head;
        }

        return outcomes;
    }

    private AppendOutcome WriteStream(StreamAppend append)
    {
        var pid = append.PersistenceId;
        var (lastSeq, lastHash, lastToken) = ReadHead(pid);
        if (lastSeq != append.ExpectedSeqNr)
        {
            return Rejected(pid, AppendStatus.SequenceConflict, $"stream is at seq {lastSeq}; the writer expected {append.ExpectedSeqNr}");
        }

        if (lastHash != append.Events[0].PrevHash)
        {
            return Rejected(pid, AppendStatus.SequenceConflict,
                $"prev_hash {append.Events[0].PrevHash} of seq {lastSeq + 1} does not match the stream head {lastHash}");
        }

        if (append.Writer.FencingToken < lastToken)
        {
            return Rejected(pid, AppendStatus.Fenced,
                $"writer token {append.Writer.FencingToken} is older than the stream's last writer token {lastToken}");
        }

        var positions = new long[append.Events.Count];
        _row[0].Value = pid;
        _row[1].Value = PersistenceIds.KindOf(pid);
        _row[6].Value = append.Writer.Node;
        _row[7].Value = append.Writer.FencingToken;
        for (var i = 0; i < positions.Length; i++)
        {
            var e = append.Events[i];
            _row[2].Value = e.SeqNr;
            _row[3].Value = e.EventType;
            _row[4].Value = e.Payload;
            _row[5].Value = JournalRows.ToUnixMs(e.Timestamp);
            _row[8].Value = e.CommandId;
            // SQLite copies a bound blob (SQLITE_TRANSIENT), so one buffer per column serves every row.
            e.PrevHash.Bytes.CopyTo(_prevHash);
            e.Hash.Bytes.CopyTo(_hash);
            _row[9].Value = _prevHash;
            _row[10].Value = _hash;
            _insert.ExecuteNonQuery();
            positions[i] = raw.sqlite3_last_insert_rowid(_connection.Handle);
        }

        var last = append.Events[^1];
        _committingIndex[pid] = _committing.Count;
        _committing.Add((pid, (last.SeqNr, last.Hash, append.Writer.FencingToken)));
        return new AppendOutcome(pid, AppendStatus.Committed, positions);
    }

    private (long SeqNr, Digest Hash, long WriterToken) ReadHead(string persistenceId)
    {
        // A stream written earlier in this same batch: its new head is not cached yet (the batch may still roll back).
        if (_committingIndex.TryGetValue(persistenceId, out var index))
        {
            return _committing[index].Head;
        }

        if (_heads.TryGetValue(persistenceId, out var cached))
        {
            return cached;
        }

        _headPid.Value = persistenceId;
        using var reader = _readHead.ExecuteReader();
        return reader.Read()
            ? (reader.GetInt64(0), Digest.FromBytes(reader.GetFieldValue<byte[]>(1)), reader.GetInt64(2))
            : (0, HashChain.Genesis(persistenceId), long.MinValue);
    }

    private static AppendOutcome Rejected(string pid, AppendStatus status, string detail) => new(pid, status, [], detail);

    public void Dispose()
    {
        _readHead.Dispose();
        _insert.Dispose();
    }
}
