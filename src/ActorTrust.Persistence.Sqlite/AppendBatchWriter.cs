using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Journal;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ActorTrust.Persistence.Sqlite;

/// <summary>
/// Writes validated batches on the writer connection, one <c>BEGIN IMMEDIATE</c> transaction per batch. The
/// row INSERT is a native SQLite statement prepared once and bound straight from the event (text as UTF-16
/// spans, blobs as spans, integers unboxed), so a row costs no allocation and no ADO.NET command round; the
/// rare stream-head query stays an ADO.NET command. Not thread-safe: the journal serialises callers.
/// </summary>
/// <remarks>
/// Stream heads this writer committed are remembered, so a stream's next append skips the head query. The
/// cache is only a shortcut: the <c>(persistence_id, seq_nr)</c> key still refuses a duplicate if some other
/// process wrote the same stream, which fails the batch as a whole; after any failed batch the cache is dropped.
/// </remarks>
internal sealed class AppendBatchWriter : IDisposable
{
    private const int MaxCachedHeads = 100_000;

    private const string InsertSql = """
        INSERT INTO journal (persistence_id, kind, seq_nr, event_type, payload, timestamp_ms, writer_node, writer_token, command_id, prev_hash, hash)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11);
        """;

    private readonly Dictionary<string, (long SeqNr, Digest Hash, long WriterToken)> _heads = new(StringComparer.Ordinal);
    private readonly List<(string Pid, (long, Digest, long) Head)> _committing = [];
    private readonly Dictionary<string, int> _committingIndex = new(StringComparer.Ordinal);
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _readHead;
    private readonly SqliteParameter _headPid;
    private readonly sqlite3_stmt _insert;

    public AppendBatchWriter(SqliteConnection connection)
    {
        _connection = connection;
        _readHead = connection.CreateCommand();
        _readHead.CommandText = "SELECT seq_nr, hash, writer_token FROM journal WHERE persistence_id = $pid ORDER BY seq_nr DESC LIMIT 1;";
        _headPid = _readHead.Parameters.Add("$pid", SqliteType.Text);
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(connection.Handle, InsertSql, out _insert), connection.Handle);
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
        var bar = pid.IndexOf('|', StringComparison.Ordinal);
        var kind = bar < 0 ? pid.AsSpan() : pid.AsSpan(0, bar);
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = InsertRow(pid, kind, append.Writer, append.Events[i]);
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

    /// <summary>Binds one event to the prepared INSERT, runs it and returns the row's global position.</summary>
    private long InsertRow(string pid, ReadOnlySpan<char> kind, WriterIdentity writer, EventToAppend e)
    {
        var statement = _insert;
        try
        {
            BindText(1, pid);
            BindText(2, kind);
            Check(raw.sqlite3_bind_int64(statement, 3, e.SeqNr));
            BindText(4, e.EventType);
            BindBlob(5, e.Payload);
            Check(raw.sqlite3_bind_int64(statement, 6, JournalRows.ToUnixMs(e.Timestamp)));
            BindText(7, writer.Node);
            Check(raw.sqlite3_bind_int64(statement, 8, writer.FencingToken));
            BindText(9, e.CommandId);
            BindBlob(10, e.PrevHash.Bytes);
            BindBlob(11, e.Hash.Bytes);
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
            }

            return raw.sqlite3_last_insert_rowid(_connection.Handle);
        }
        finally
        {
            // Reset only rewinds the statement; the failure, if any, was raised by the step above.
            _ = raw.sqlite3_reset(statement);
        }
    }

    // SQLitePCL binds an empty span as an empty value, not NULL (SqliteRowBindingTests keeps it so: the columns are NOT NULL).
    private void BindText(int index, ReadOnlySpan<char> value) => Check(raw.sqlite3_bind_text16(_insert, index, value));

    private void BindBlob(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_insert, index, value));

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
    }

    private static AppendOutcome Rejected(string pid, AppendStatus status, string detail) => new(pid, status, [], detail);

    public void Dispose()
    {
        _readHead.Dispose();
        _insert.Dispose();
    }
}
