using System.Globalization;
using ActorTrust.Benchmarks.Entity;
using ActorTrust.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// The physical floor: plain Microsoft.Data.Sqlite prepared INSERTs into a table of the journal's shape (same
/// columns, unique (persistence_id, seq_nr), kind index), WAL, the chosen synchronous mode, no ActorTrust code.
/// Rows carry the benchmark event's real payload and 32-byte hashes so they are the size the runtime writes.
/// </summary>
internal sealed class RawSqlite : IDisposable
{
    public const string JournalTable = """
        CREATE TABLE journal (
          global_pos     INTEGER PRIMARY KEY AUTOINCREMENT,
          persistence_id TEXT    NOT NULL,
          kind           TEXT    NOT NULL,
          seq_nr         INTEGER NOT NULL CHECK (seq_nr > 0),
          event_type     TEXT    NOT NULL,
          payload        BLOB    NOT NULL,
          timestamp_ms   INTEGER NOT NULL,
          writer_node    TEXT    NOT NULL,
          writer_token   INTEGER NOT NULL,
          command_id     TEXT    NOT NULL,
          prev_hash      BLOB    NOT NULL CHECK (length(prev_hash) = 32),
          hash           BLOB    NOT NULL CHECK (length(hash) = 32),
          UNIQUE (persistence_id, seq_nr));
        CREATE INDEX journal_kind_pos ON journal (kind, global_pos);
        """;

    private static readonly byte[] Payload = BenchCounter.Kind.Events.Serialize(new Stepped(1, BenchDecider.Reason));
    private static readonly byte[] HashBytes = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _readHead;
    private readonly SqliteParameter _headPid;
    private readonly SqliteParameter _pid;
    private readonly SqliteParameter _seq;
    private readonly SqliteParameter _cmd;
    private readonly string[] _streams;
    private readonly long[] _seqs;
    private long _rows;

    /// <param name="path">The database file.</param>
    /// <param name="synchronous">The synchronous mode.</param>
    /// <param name="streams">Streams the rows are spread over, round-robin.</param>
    /// <param name="walCheckpointPages">A <c>wal_autocheckpoint</c> other than SQLite's default of 1000 pages (baselines keep the default).</param>
    public RawSqlite(string path, SqliteSynchronous synchronous, int streams, int? walCheckpointPages = null)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute(synchronous == SqliteSynchronous.Full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
        if (walCheckpointPages is { } pages)
        {
            Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA wal_autocheckpoint={pages};"));
        }

        Execute(JournalTable);
        _streams = [.. Enumerable.Range(0, streams).Select(i => string.Create(CultureInfo.InvariantCulture, $"raw|e-{i}"))];
        _seqs = new long[streams];
        _insert = _connection.CreateCommand();
        _insert.CommandText = """
            INSERT INTO journal (persistence_id, kind, seq_nr, event_type, payload, timestamp_ms, writer_node, writer_token, command_id, prev_hash, hash)
            VALUES ($pid, 'raw', $seq, 'bench.stepped.v1', $payload, $ts, 'bench:0:1', 1, $cmd, $prev, $hash);
            """;
        _pid = _insert.Parameters.Add("$pid", SqliteType.Text);
        _seq = _insert.Parameters.Add("$seq", SqliteType.Integer);
        _cmd = _insert.Parameters.Add("$cmd", SqliteType.Text);
        _insert.Parameters.Add("$payload", SqliteType.Blob).Value = Payload;
        _insert.Parameters.Add("$ts", SqliteType.Integer).Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _insert.Parameters.Add("$prev", SqliteType.Blob).Value = HashBytes;
        _insert.Parameters.Add("$hash", SqliteType.Blob).Value = HashBytes;
        _insert.Prepare();
        _readHead = _connection.CreateCommand();
        _readHead.CommandText = "SELECT seq_nr, hash, writer_token FROM journal WHERE persistence_id = $pid ORDER BY seq_nr DESC LIMIT 1;";
        _headPid = _readHead.Parameters.Add("$pid", SqliteType.Text);
        _readHead.Prepare();
    }

    /// <summary>Payload size of every row, for the report.</summary>
    public static int PayloadBytes => Payload.Length;

    /// <summary>One row, committed on its own (autocommit: the statement is its transaction).</summary>
    public void InsertCommitted()
    {
        InsertRow();
    }

    /// <summary>
    /// <paramref name="rows"/> rows in one explicit transaction, spread round-robin over the streams; with
    /// <paramref name="readHead"/>, each row is preceded by the stream-head SELECT the journal runs per stream.
    /// </summary>
    public void InsertBatch(int rows, bool readHead = false)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        _insert.Transaction = transaction;
        _readHead.Transaction = transaction;
        for (var i = 0; i < rows; i++)
        {
            InsertRow(readHead);
        }

        transaction.Commit();
        _insert.Transaction = null;
        _readHead.Transaction = null;
    }

    private void InsertRow(bool readHead = false)
    {
        var stream = (int)(_rows++ % _streams.Length);
        if (readHead)
        {
            _headPid.Value = _streams[stream];
            using var reader = _readHead.ExecuteReader();
            _ = reader.Read() ? (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetInt64(2)) : default;
        }

        _pid.Value = _streams[stream];
        _seq.Value = ++_seqs[stream];
        _cmd.Value = string.Create(CultureInfo.InvariantCulture, $"cmd-{_rows}");
        _insert.ExecuteNonQuery();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _readHead.Dispose();
        _insert.Dispose();
        _connection.Dispose();
    }
}
