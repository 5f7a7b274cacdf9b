using System.Diagnostics;
using System.Globalization;
using ActorTrust.Benchmarks.Entity;
using ActorTrust.Runtime.Journal;
using Microsoft.Data.Sqlite;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// (4) Recovery of one stream of N events: a raw SQLite read of the same rows (baseline), the replay the
/// runtime does (read + chain verification + deserialization + Evolve) with Stopwatch splits of its stages,
/// all interleaved, and then re-activation of the entity through a fresh registry.
/// </summary>
internal static class RecoveryScenarios
{
    private const string EntityId = "replay";
    private static readonly string PersistenceId = PersistenceIds.For(BenchCounter.KindName, EntityId);

    public sealed record Figures(Measured RawRead, Measured ReadOnly, Measured ReadVerify, Measured Replay, Rate Reactivation, long Events);

    public static async Task<Figures> RunAsync(MacroOptions options, TempDirectory directory, CancellationToken cancellationToken)
    {
        var path = directory.Database("at-replay");
        await using var rig = await RuntimeRig.OpenAsync(path, options.Synchronous, cancellationToken);
        var events = await FillAsync(rig, options.ReplayEvents, cancellationToken);

        var measured = await Interleaved.RunAsync(options.WarmUp, options.Duration, options.Slices,
        [
            new Contender("raw read", duration => Task.FromResult(Timed.RunEach(TimeSpan.Zero, duration, () => Expect(RawRead(path), events)))),
            Contender.Async("ReadStreamAsync", () => ReplayAsync(rig, verify: false, evolve: false, events, cancellationToken)),
            Contender.Async("+ ChainVerifier", () => ReplayAsync(rig, verify: true, evolve: false, events, cancellationToken)),
            Contender.Async("+ deserialize + Evolve", () => ReplayAsync(rig, verify: true, evolve: true, events, cancellationToken)),
        ]);
        await ReactivateAsync(rig, options.WarmUp, events, cancellationToken);
        var reactivation = await ReactivateAsync(rig, options.Duration, events, cancellationToken);
        return new Figures(measured[0], measured[1], measured[2], measured[3], reactivation, events);
    }

    /// <summary>
    /// Restarts the registry and sends the entity a query, which activates it from the journal; only the query
    /// (the recovery) is timed, not the restart before it.
    /// </summary>
    private static async Task<Rate> ReactivateAsync(RuntimeRig rig, TimeSpan duration, long events, CancellationToken cancellationToken)
    {
        var busy = TimeSpan.Zero;
        long replayed = 0;
        var wall = Stopwatch.StartNew();
        do
        {
            await rig.RestartRegistryAsync();
            var start = Stopwatch.GetTimestamp();
            replayed += Expect(await rig.Registry.QueryAsync(EntityId, (_, version) => version, cancellationToken), events);
            busy += Stopwatch.GetElapsedTime(start);
        }
        while (wall.Elapsed < duration);

        return new Rate(replayed, busy);
    }

    private static async Task<long> FillAsync(RuntimeRig rig, int events, CancellationToken cancellationToken)
    {
        for (var written = 0; written < events; written += WriteScenarios.BurstEvents)
        {
            var count = Math.Min(WriteScenarios.BurstEvents, events - written);
            var commandId = string.Create(CultureInfo.InvariantCulture, $"fill-{written}");
            await rig.Registry.SendAsync(EntityId, commandId, new Burst(count), cancellationToken);
        }

        return await rig.Journal.ReadHighestSeqNrAsync(PersistenceId, cancellationToken);
    }

    /// <summary>The runtime's replay loop (as <c>EntityRecovery</c> runs it), with stages switchable for splits.</summary>
    private static async Task<int> ReplayAsync(RuntimeRig rig, bool verify, bool evolve, long expected, CancellationToken cancellationToken)
    {
        var kind = BenchCounter.Kind;
        var verifier = new ChainVerifier(PersistenceId);
        var state = kind.Decider.Initial;
        var count = 0;
        await foreach (var record in rig.Journal.ReadStreamAsync(PersistenceId, 1, cancellationToken))
        {
            if (verify && verifier.Check(record) is { } violation)
            {
                throw new InvalidOperationException(violation.ToString());
            }

            if (evolve)
            {
                state = kind.Decider.Evolve(state, kind.Events.Deserialize(record.EventType, record.Payload));
            }

            count++;
        }

        return evolve && state.Events != count ? throw new InvalidOperationException("replay lost events") : Expect(count, expected);
    }

    /// <summary>Plain Microsoft.Data.Sqlite: one query reading every column of the stream's rows.</summary>
    private static int RawRead(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT global_pos, persistence_id, seq_nr, event_type, payload, timestamp_ms, writer_node, writer_token, command_id, prev_hash, hash
            FROM journal WHERE persistence_id = $pid ORDER BY seq_nr;
            """;
        command.Parameters.AddWithValue("$pid", PersistenceId);
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            _ = (reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetFieldValue<byte[]>(4),
                reader.GetInt64(5), reader.GetString(6), reader.GetInt64(7), reader.GetString(8), reader.GetFieldValue<byte[]>(9),
                reader.GetFieldValue<byte[]>(10));
            rows++;
        }

        return rows;
    }

    private static int Expect(long actual, long expected) =>
        actual == expected ? (int)actual : throw new InvalidOperationException($"replayed {actual} events, expected {expected}");
}
