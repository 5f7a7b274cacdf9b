using System.Collections.Concurrent;
using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;
using Npgsql;
using NpgsqlTypes;

namespace ActorTrust.Persistence.PostgreSql;

/// <summary>
/// The fast path of an append batch: one call of <c>journal_append_fenced</c> (ops/sql/007_journal_append_fenced.sql) in
/// its own implicit transaction, so the whole fenced append is one round trip and one commit. The function does
/// exactly what <see cref="AppendTransaction"/> does across three round trips: reserve feed positions first, lock the
/// batch's lease rows <c>FOR SHARE</c> in (kind, shard) order, check owner and token (once per distinct fence: kind,
/// shard, writer node and token), the stream heads and writer tokens, and insert the accepted events with one <c>INSERT</c>. It answers with the batch's first position and one
/// row per refused stream; the accepted streams hold consecutive positions from the first, in batch order. The outcome
/// is read only after the server has committed (the reader is drained to the end of the exchange); a unique violation
/// escapes as <see cref="PostgresException"/>.
/// </summary>
internal static class AppendStatement
{
    private const string AppendSql = "SELECT stream, status, first_pos, head_seq, head_hash, head_token, lease_owner, lease_token " +
        "FROM journal_append_fenced($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)";

    /// <summary>
    /// Each stream's (kind, shard) when the batch can take this path: every stream's kind is known registered (so
    /// every stream is fenced by a lease row) and no stream appears twice. Null otherwise.
    /// </summary>
    public static (string Kind, int Shard)[]? TryShardsOf(IReadOnlyList<StreamAppend> batch, ConcurrentDictionary<string, int> knownKinds)
    {
        var shards = new (string, int)[batch.Count];
        var seen = new HashSet<string>(batch.Count, StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            var pid = batch[i].PersistenceId;
            var kind = PersistenceIds.KindOf(pid);
            if (!knownKinds.TryGetValue(kind, out var numShards) || !seen.Add(pid))
            {
                return null;
            }

            shards[i] = (kind, Shards.ShardOf(PersistenceIds.EntityIdOf(pid), numShards));
        }

        return shards;
    }

    public static async Task<AppendOutcome[]> RunAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<StreamAppend> batch, (string Kind, int Shard)[] shards, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(AppendSql);
        Bind(command.Parameters, batch, shards);
        var outcomes = new AppendOutcome[batch.Count];
        long? firstPosition = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var stream = reader.GetInt32(0);
                if (stream == 0)
                {
                    firstPosition = reader.GetInt64(2);
                    continue;
                }

                var i = stream - 1;
                outcomes[i] = Refusal(batch[i], shards[i], reader);
            }

            // Drain to the end of the exchange: the implicit transaction has committed once this returns without error.
            while (await reader.NextResultAsync(cancellationToken))
            {
            }
        }

        var next = firstPosition ?? throw new InvalidOperationException("journal_append_fenced returned no first position");
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i] is null)
            {
                outcomes[i] = Committed(batch[i], next);
                next += batch[i].Events.Count;
            }
        }

        return outcomes;
    }

    private static AppendOutcome Refusal(StreamAppend append, (string Kind, int Shard) shard, NpgsqlDataReader reader)
    {
        var status = reader.GetInt16(1);
        var lastSeq = reader.IsDBNull(3) ? 0 : reader.GetInt64(3);
        return status switch
        {
            1 => AppendRefusals.NoLeaseRow(append, shard.Kind, shard.Shard),
            2 => AppendRefusals.HeldByOther(append, shard.Kind, shard.Shard, reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt64(7)),
            3 => AppendRefusals.NotAtExpectedSeq(append, lastSeq),
            4 => AppendRefusals.PrevHashMismatch(append, lastSeq,
                reader.IsDBNull(4) ? HashChain.Genesis(append.PersistenceId) : Digest.FromBytes(reader.GetFieldValue<byte[]>(4))),
            5 => AppendRefusals.OlderWriterToken(append, reader.GetInt64(5)),
            _ => throw new InvalidOperationException($"journal_append_fenced returned unknown status {status} for {append.PersistenceId}"),
        };
    }

    private static AppendOutcome Committed(StreamAppend append, long firstPosition)
    {
        var positions = new long[append.Events.Count];
        for (var e = 0; e < positions.Length; e++)
        {
            positions[e] = firstPosition + e;
        }

        return new AppendOutcome(append.PersistenceId, AppendStatus.Committed, positions);
    }

    private static void Bind(NpgsqlParameterCollection parameters, IReadOnlyList<StreamAppend> batch, (string Kind, int Shard)[] shards)
    {
        var streams = batch.Count;
        var (pids, fenceOf, expected, prev, genesis) = (new string[streams], new int[streams], new long[streams], new byte[streams][], new byte[]?[streams]);
        var fences = new Dictionary<(string Kind, int Shard, string Node, long Token), int>();
        var events = 0;
        for (var i = 0; i < streams; i++)
        {
            events += batch[i].Events.Count;
        }

        var (owner, seqNrs, types, payloads, timestamps, commandIds, prevHashes, hashes) =
            (new int[events], new long[events], new string[events], new byte[events][], new DateTime[events], new string[events], new byte[events][], new byte[events][]);
        var k = 0;
        for (var i = 0; i < streams; i++)
        {
            var append = batch[i];
            pids[i] = append.PersistenceId;
            var fence = (shards[i].Kind, shards[i].Shard, append.Writer.Node, append.Writer.FencingToken);
            if (!fences.TryGetValue(fence, out var f))
            {
                f = fences.Count + 1;
                fences.Add(fence, f);
            }

            fenceOf[i] = f;
            expected[i] = append.ExpectedSeqNr;
            prev[i] = append.Events[0].PrevHash.Bytes.ToArray();
            // Only a new stream is compared with its genesis hash (any other stream has a head, or is refused for its seq).
            genesis[i] = append.ExpectedSeqNr == 0 ? HashChain.Genesis(append.PersistenceId).Bytes.ToArray() : null;
            foreach (var e in append.Events)
            {
                owner[k] = i + 1;
                seqNrs[k] = e.SeqNr;
                types[k] = e.EventType;
                payloads[k] = e.Payload;
                timestamps[k] = JournalRows.ToUtc(e.Timestamp);
                commandIds[k] = e.CommandId;
                prevHashes[k] = e.PrevHash.Bytes.ToArray();
                hashes[k] = e.Hash.Bytes.ToArray();
                k++;
            }
        }

        var (fenceKinds, fenceShards, fenceNodes, fenceTokens) = (new string[fences.Count], new int[fences.Count], new string[fences.Count], new long[fences.Count]);
        foreach (var ((kind, shard, node, token), f) in fences)
        {
            (fenceKinds[f - 1], fenceShards[f - 1], fenceNodes[f - 1], fenceTokens[f - 1]) = (kind, shard, node, token);
        }

        Add(parameters, fenceKinds, NpgsqlDbType.Text);
        Add(parameters, fenceShards, NpgsqlDbType.Integer);
        Add(parameters, fenceNodes, NpgsqlDbType.Text);
        Add(parameters, fenceTokens, NpgsqlDbType.Bigint);
        Add(parameters, pids, NpgsqlDbType.Text);
        Add(parameters, fenceOf, NpgsqlDbType.Integer);
        Add(parameters, expected, NpgsqlDbType.Bigint);
        Add(parameters, prev, NpgsqlDbType.Bytea);
        Add(parameters, genesis, NpgsqlDbType.Bytea);
        Add(parameters, owner, NpgsqlDbType.Integer);
        Add(parameters, seqNrs, NpgsqlDbType.Bigint);
        Add(parameters, types, NpgsqlDbType.Text);
        Add(parameters, payloads, NpgsqlDbType.Bytea);
        Add(parameters, timestamps, NpgsqlDbType.TimestampTz);
        Add(parameters, commandIds, NpgsqlDbType.Text);
        Add(parameters, prevHashes, NpgsqlDbType.Bytea);
        Add(parameters, hashes, NpgsqlDbType.Bytea);
    }

    private static void Add<T>(NpgsqlParameterCollection parameters, T[] values, NpgsqlDbType type) =>
        parameters.Add(new NpgsqlParameter { Value = values, NpgsqlDbType = NpgsqlDbType.Array | type });
}
