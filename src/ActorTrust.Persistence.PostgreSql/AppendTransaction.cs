using System.Collections.Concurrent;
using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;
using Npgsql;
using NpgsqlTypes;

namespace ActorTrust.Persistence.PostgreSql;

/// <summary>
/// One append transaction over a validated batch, the general path (the usual batch takes <see cref="AppendStatement"/>,
/// one round trip): in one round trip reserve feed positions (first statement), look
/// up kinds not known yet, lock the batch's lease rows <c>FOR SHARE</c> and read the stream heads; decide each
/// stream's outcome, insert the accepted events with one multi-row <c>INSERT … SELECT unnest(…)</c>, commit. A unique violation or deadlock
/// escapes as <see cref="PostgresException"/> with everything rolled back; the journal then retries per stream.
/// </summary>
internal static class AppendTransaction
{
    // Statement 1 of every append transaction: takes the xid and the positions together (see ops/sql/README.md).
    private const string ReserveSql = "SELECT journal_reserve_positions($1)";

    private const string KindsSql = "SELECT kind, num_shards FROM entity_types WHERE kind = ANY($1)";

    // Each stream's head, looked for at or above the lowest seq the batch expects of it (the bound ends the backward scan
    // at the head, as in journal_append_batch); only a stream behind that (nothing there) has its real head's seq read
    // again, without hash or token: it is refused for its seq before either is needed.
    private const string HeadsSql = """
        SELECT p.pid, coalesce(h.seq_nr, b.seq_nr), h.hash, h.writer_token
          FROM unnest($1::text[], $2::bigint[]) AS p(pid, expected)
          LEFT JOIN LATERAL (SELECT seq_nr, hash, writer_token FROM journal
                              WHERE persistence_id = p.pid AND seq_nr >= p.expected ORDER BY seq_nr DESC LIMIT 1) AS h ON true
          LEFT JOIN LATERAL (SELECT seq_nr FROM journal
                              WHERE h.seq_nr IS NULL AND p.expected > 0 AND persistence_id = p.pid ORDER BY seq_nr DESC LIMIT 1) AS b ON true
         WHERE h.seq_nr IS NOT NULL OR b.seq_nr IS NOT NULL
        """;

    // Locks in (kind, shard) order, so appends and lease takeovers always meet the rows in the same order.
    private const string LockLeasesSql = """
        SELECT l.kind, l.shard, l.owner_node, l.fencing_token
          FROM shard_leases AS l
          JOIN unnest($1::text[], $2::integer[]) AS w(kind, shard) ON l.kind = w.kind AND l.shard = w.shard
         ORDER BY l.kind, l.shard
           FOR SHARE OF l
        """;

    private const string InsertSql = """
        INSERT INTO journal (global_pos, persistence_id, kind, seq_nr, event_type, payload, timestamp,
                             writer_node, writer_token, command_id, prev_hash, hash)
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::bytea[],
                             $7::timestamptz[], $8::text[], $9::bigint[], $10::text[], $11::bytea[], $12::bytea[])
        """;

    /// <param name="dataSource">Where to write.</param>
    /// <param name="batch">A validated batch.</param>
    /// <param name="knownKinds">
    /// Shard counts of kinds already seen registered. Safe to cache for ever: a kind's shard count never changes
    /// (I10). Kinds not in it are looked up in every batch, so a kind registered later is fenced from then on.
    /// </param>
    /// <param name="cancellationToken">Cancels the transaction.</param>
    public static async Task<AppendOutcome[]> RunAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<StreamAppend> batch, ConcurrentDictionary<string, int> knownKinds, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // This transaction's view of the registered kinds: fixed now, so a kind another batch learns meanwhile
        // cannot make this one look for lease rows it never locked.
        var kinds = new Dictionary<string, int>(knownKinds, StringComparer.Ordinal);
        var (firstPosition, leases, heads, learned) = await ReserveLockAndReadAsync(connection, batch, kinds, cancellationToken);
        if (learned.Count > 0)
        {
            // Kinds first seen registered in this batch: lock their lease rows now (a second round trip, once per kind).
            await LockLeasesAsync(connection, ShardsOf(batch, learned), leases, cancellationToken);
            foreach (var (kind, numShards) in learned)
            {
                kinds[kind] = numShards;
                knownKinds[kind] = numShards;
            }
        }

        var outcomes = new AppendOutcome[batch.Count];
        var rows = new InsertRows(batch.Sum(a => a.Events.Count));
        var nextPosition = firstPosition;
        for (var i = 0; i < batch.Count; i++)
        {
            var append = batch[i];
            var refusal = ShardFence(append, kinds, leases) ?? StreamCheck(append, heads);
            if (refusal is not null)
            {
                outcomes[i] = refusal;
                continue;
            }

            var positions = new long[append.Events.Count];
            for (var e = 0; e < positions.Length; e++)
            {
                positions[e] = nextPosition++;
                rows.Add(positions[e], append, append.Events[e]);
            }

            var last = append.Events[^1];
            heads[append.PersistenceId] = (last.SeqNr, last.Hash, append.Writer.FencingToken);
            outcomes[i] = new AppendOutcome(append.PersistenceId, AppendStatus.Committed, positions);
        }

        if (rows.Count > 0)
        {
            await using var insert = new NpgsqlCommand(InsertSql, connection);
            rows.Bind(insert.Parameters);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }

    /// <summary>
    /// One round trip: reserve positions (first!), look up kinds not known yet, lock the lease rows of known kinds'
    /// shards <c>FOR SHARE</c>, read the stream heads. Returns the kinds newly learned as registered.
    /// </summary>
    private static async Task<(long FirstPosition, Dictionary<(string, int), (string?, long)> Leases, Dictionary<string, (long, Digest?, long)> Heads, Dictionary<string, int> Learned)>
        ReserveLockAndReadAsync(NpgsqlConnection connection, IReadOnlyList<StreamAppend> batch, Dictionary<string, int> knownKinds, CancellationToken cancellationToken)
    {
        var lowestExpected = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var append in batch)
        {
            lowestExpected[append.PersistenceId] = lowestExpected.TryGetValue(append.PersistenceId, out var seen)
                ? Math.Min(seen, append.ExpectedSeqNr)
                : append.ExpectedSeqNr;
        }

        var pids = lowestExpected.Keys.ToArray();
        var unknownKinds = pids.Select(PersistenceIds.KindOf).Distinct(StringComparer.Ordinal).Where(k => !knownKinds.ContainsKey(k)).ToArray();
        var knownShards = ShardsOf(batch, knownKinds);
        await using var read = new NpgsqlBatch(connection);
        read.BatchCommands.Add(new NpgsqlBatchCommand(ReserveSql) { Parameters = { new() { Value = batch.Sum(a => a.Events.Count), NpgsqlDbType = NpgsqlDbType.Integer } } });
        if (unknownKinds.Length > 0)
        {
            read.BatchCommands.Add(new NpgsqlBatchCommand(KindsSql) { Parameters = { TextArray(unknownKinds) } });
        }

        if (knownShards.Length > 0)
        {
            read.BatchCommands.Add(LockCommand(knownShards));
        }

        read.BatchCommands.Add(new NpgsqlBatchCommand(HeadsSql)
        {
            Parameters = { TextArray(pids), new() { Value = pids.Select(p => lowestExpected[p]).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint } },
        });
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var firstPosition = reader.GetInt64(0);

        var learned = new Dictionary<string, int>(StringComparer.Ordinal);
        if (unknownKinds.Length > 0)
        {
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                learned[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        var leases = new Dictionary<(string, int), (string?, long)>();
        if (knownShards.Length > 0)
        {
            await reader.NextResultAsync(cancellationToken);
            await ReadLeasesAsync(reader, leases, cancellationToken);
        }

        await reader.NextResultAsync(cancellationToken);
        var heads = new Dictionary<string, (long, Digest?, long)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            // A head behind the batch comes without hash and token: only its seq is compared (and differs).
            heads[reader.GetString(0)] = reader.IsDBNull(2)
                ? (reader.GetInt64(1), null, long.MinValue)
                : (reader.GetInt64(1), Digest.FromBytes(reader.GetFieldValue<byte[]>(2)), reader.GetInt64(3));
        }

        return (firstPosition, leases, heads, learned);
    }

    private static async Task LockLeasesAsync(
        NpgsqlConnection connection, (string Kind, int Shard)[] shards, Dictionary<(string, int), (string?, long)> leases, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { LockCommand(shards) } };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await ReadLeasesAsync(reader, leases, cancellationToken);
    }

    private static async Task ReadLeasesAsync(NpgsqlDataReader reader, Dictionary<(string, int), (string?, long)> leases, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
            leases[(reader.GetString(0), reader.GetInt32(1))] = (reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3));
        }
    }

    private static NpgsqlBatchCommand LockCommand((string Kind, int Shard)[] shards) => new(LockLeasesSql)
    {
        Parameters =
        {
            TextArray(shards.Select(w => w.Kind).ToArray()),
            new() { Value = shards.Select(w => w.Shard).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
        },
    };

    private static NpgsqlParameter TextArray(string[] values) => new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    /// <summary>The distinct (kind, shard) pairs of the batch's streams whose kind is in <paramref name="shardCounts"/>.</summary>
    private static (string Kind, int Shard)[] ShardsOf(IReadOnlyList<StreamAppend> batch, IReadOnlyDictionary<string, int> shardCounts) =>
        batch.Select(a => ShardKey(a.PersistenceId, shardCounts)).OfType<(string Kind, int Shard)>().Distinct().ToArray();

    /// <summary>The stream's (kind, shard) when its kind is registered; null for kinds without shard leases.</summary>
    private static (string Kind, int Shard)? ShardKey(string persistenceId, IReadOnlyDictionary<string, int> shardCounts)
    {
        var kind = PersistenceIds.KindOf(persistenceId);
        return shardCounts.TryGetValue(kind, out var numShards)
            ? (kind, Shards.ShardOf(PersistenceIds.EntityIdOf(persistenceId), numShards))
            : null;
    }

    /// <summary>
    /// Fenced unless the writer holds the shard's lease row with exactly its token. Expiry is not checked: the token
    /// is the safety (a takeover bumps it), and stopping at expiry is the holder's own local deadline.
    /// </summary>
    private static AppendOutcome? ShardFence(
        StreamAppend append, IReadOnlyDictionary<string, int> shardCounts, Dictionary<(string, int), (string? Owner, long Token)> leases)
    {
        if (ShardKey(append.PersistenceId, shardCounts) is not { } key)
        {
            return null;
        }

        var writer = append.Writer;
        if (!leases.TryGetValue(key, out var lease))
        {
            return AppendRefusals.NoLeaseRow(append, key.Kind, key.Shard);
        }

        return string.Equals(lease.Owner, writer.Node, StringComparison.Ordinal) && lease.Token == writer.FencingToken
            ? null
            : AppendRefusals.HeldByOther(append, key.Kind, key.Shard, lease.Owner, lease.Token);
    }

    /// <summary>The same per-stream checks as the SQLite journal: expected head, prev hash, stream writer token.</summary>
    private static AppendOutcome? StreamCheck(StreamAppend append, Dictionary<string, (long SeqNr, Digest? Hash, long Token)> heads)
    {
        var pid = append.PersistenceId;
        var (lastSeq, lastHash, lastToken) = heads.TryGetValue(pid, out var head) ? head : ((long, Digest?, long))(0, HashChain.Genesis(pid), long.MinValue);
        if (lastSeq != append.ExpectedSeqNr)
        {
            return AppendRefusals.NotAtExpectedSeq(append, lastSeq);
        }

        // Only a head behind the batch is read without its hash, and that one was refused for its seq above.
        var headHash = lastHash ?? throw new InvalidOperationException($"the head of {pid} at seq {lastSeq} was read without its hash");
        if (headHash != append.Events[0].PrevHash)
        {
            return AppendRefusals.PrevHashMismatch(append, lastSeq, headHash);
        }

        return append.Writer.FencingToken < lastToken ? AppendRefusals.OlderWriterToken(append, lastToken) : null;
    }
}
