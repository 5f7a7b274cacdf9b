using System.Globalization;
using ActorTrust.Benchmarks.Entity;
using Npgsql;
using NpgsqlTypes;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// The PostgreSQL floor: plain Npgsql, one prepared multi-row <c>INSERT … SELECT unnest(…)</c> per transaction into
/// a table of the journal's shape (same columns, primary key and indexes, positions from an identity column), no
/// ActorTrust code. Rows carry the benchmark event's real payload and 32-byte hashes.
/// </summary>
internal sealed class RawPostgres : IAsyncDisposable
{
    private const string Table = """
        CREATE TABLE journal (
          global_pos bigint GENERATED ALWAYS AS IDENTITY, tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
          persistence_id text NOT NULL, kind text NOT NULL, seq_nr bigint NOT NULL CHECK (seq_nr > 0),
          event_type text NOT NULL, payload bytea NOT NULL, timestamp timestamptz NOT NULL, writer_node text NOT NULL,
          writer_token bigint NOT NULL, command_id text NOT NULL, prev_hash bytea NOT NULL, hash bytea NOT NULL,
          PRIMARY KEY (persistence_id, seq_nr));
        CREATE UNIQUE INDEX journal_global_pos_key ON journal (global_pos);
        CREATE INDEX journal_tx_pos ON journal (tx_id, global_pos);
        CREATE INDEX journal_kind_pos ON journal (kind, global_pos);
        """;

    private const string Insert = """
        INSERT INTO journal (persistence_id, kind, seq_nr, event_type, payload, timestamp, writer_node, writer_token, command_id, prev_hash, hash)
        SELECT p, 'raw', s, 'bench.stepped.v1', $3, $4, 'bench:0:1', 1, c, $6, $6 FROM unnest($1::text[], $2::bigint[], $5::text[]) AS u(p, s, c)
        """;

    private static readonly byte[] Payload = BenchCounter.Kind.Events.Serialize(new Stepped(1, BenchDecider.Reason));
    private static readonly byte[] HashBytes = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];

    private readonly NpgsqlConnection _connection;
    private readonly string[] _streams;
    private readonly long[] _seqs;
    private long _rows;

    private RawPostgres(NpgsqlConnection connection, int streams)
    {
        _connection = connection;
        _streams = [.. Enumerable.Range(0, streams).Select(i => string.Create(CultureInfo.InvariantCulture, $"raw|e-{i}"))];
        _seqs = new long[streams];
    }

    public static async Task<RawPostgres> OpenAsync(string connectionString, int streams)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand(Table, connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new RawPostgres(connection, streams);
    }

    /// <summary><paramref name="rows"/> rows, round-robin over the streams, in one statement (its own transaction).</summary>
    public async Task<int> InsertBatchAsync(int rows)
    {
        var pids = new string[rows];
        var seqs = new long[rows];
        var commands = new string[rows];
        for (var i = 0; i < rows; i++)
        {
            var stream = (int)(_rows++ % _streams.Length);
            pids[i] = _streams[stream];
            seqs[i] = ++_seqs[stream];
            commands[i] = string.Create(CultureInfo.InvariantCulture, $"cmd-{_rows}");
        }

        await using var command = new NpgsqlCommand(Insert, _connection)
        {
            Parameters =
            {
                new() { Value = pids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = seqs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new() { Value = Payload, NpgsqlDbType = NpgsqlDbType.Bytea },
                new() { Value = DateTime.UtcNow, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                new() { Value = commands, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = HashBytes, NpgsqlDbType = NpgsqlDbType.Bytea },
            },
        };
        await command.PrepareAsync();
        await command.ExecuteNonQueryAsync();
        return rows;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
