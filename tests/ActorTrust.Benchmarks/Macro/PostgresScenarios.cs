using System.Globalization;
using ActorTrust.Benchmarks.Entity;
using ActorTrust.Persistence.PostgreSql;
using ActorTrust.Runtime.Journal;
using ActorTrust.TestKit.Postgres;
using Npgsql;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// Scenario (8): the runtime on the PostgreSQL journal (group commit, every append fenced by its shard lease rows)
/// next to the raw batched insert rate of the same server, interleaved in the same run. The server is a throw-away
/// one started by <see cref="PostgresServer"/> (fsync on); without PostgreSQL binaries the scenario is skipped.
/// </summary>
internal static class PostgresScenarios
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(MacroOptions options, CancellationToken cancellationToken)
    {
        if (PostgresBinaries.Directory is null)
        {
            return [new BenchResult("(8) PostgreSQL journal: skipped", 0, "-") { Note = PostgresBinaries.Problem }];
        }

        await using var server = await PostgresServer.StartAsync(options.PgSettings, cancellationToken);
        var postmaster = ProcessCpu.PostmasterPid(server.DataDirectory);
        await using var raw = await RawPostgres.OpenAsync(await server.CreateDatabaseAsync("bench_raw", cancellationToken), options.Entities);
        await using var raw100 = await RawPostgres.OpenAsync(await server.CreateDatabaseAsync("bench_raw_100", cancellationToken), options.Entities);
        var journalDatabase = await server.CreateDatabaseAsync("bench_journal", cancellationToken);
        var journal = await PostgreSqlJournal.OpenAsync(new() { ConnectionString = journalDatabase }, cancellationToken);
        await HoldEveryShardAsync(journalDatabase, cancellationToken);
        await using var rig = RuntimeRig.Over(journal, new NullJournal.Leases()); // token 1 for every shard, as held above
        await using var rig4 = RuntimeRig.Over(journal, new NullJournal.Leases(), writerLoops: 4);
        var ids = Enumerable.Range(0, options.Entities).Select(i => string.Create(CultureInfo.InvariantCulture, $"e-{i}")).ToArray();
        var ids4 = Enumerable.Range(0, options.Entities).Select(i => string.Create(CultureInfo.InvariantCulture, $"f-{i}")).ToArray();
        await Task.WhenAll(ids.Select(id => rig.Registry.QueryAsync(id, (_, version) => version, cancellationToken)));
        await Task.WhenAll(ids4.Select(id => rig4.Registry.QueryAsync(id, (_, version) => version, cancellationToken)));
        var latencies4 = new Latencies();
        var stats4 = new GroupCommitStats();
        var writer = new WriterIdentity(RuntimeRig.NodeId, 1);
        var latencies = new Latencies();
        var stats = new GroupCommitStats();
        var measured = await Interleaved.RunAsync(options.WarmUp, options.Duration, options.Slices,
        [
            Contender.Async($"raw PostgreSQL, {WriteScenarios.BatchRows} rows/commit", () => raw.InsertBatchAsync(WriteScenarios.BatchRows)),
            Contender.Async($"raw PostgreSQL, {WriteScenarios.GroupCommitShape} rows/commit", () => raw100.InsertBatchAsync(WriteScenarios.GroupCommitShape)),
            WriteContenders.JournalBatched(rig, options.Entities, Math.Min(options.Entities, WriteScenarios.GroupCommitShape), writer, cancellationToken),
            WriteContenders.Concurrent(rig, ids, options.Commands, latencies, stats, cancellationToken),
            WriteContenders.Concurrent(rig4, ids4, options.Commands, latencies4, stats4, cancellationToken),
        ], afterWarmUp: () =>
        {
            latencies.Clear();
            stats.Clear();
            latencies4.Clear();
            stats4.Clear();
        }, serverCpuSeconds: () => ProcessCpu.TreeSeconds(postmaster));
        if (options.PgSettings.Any(s => s.Key == "shared_preload_libraries" && s.Value.Contains("pg_stat_statements", StringComparison.Ordinal)))
        {
            await PrintStatementsAsync(journalDatabase, cancellationToken);
        }

        var (baseline, baseline100, journalOnly, registry, registry4) = (measured[0], measured[1], measured[2], measured[3], measured[4]);
        return
        [
            new BenchResult($"(c) raw PostgreSQL, {WriteScenarios.BatchRows} rows/commit, fsync on", baseline.PerSecond, "rows/s")
            {
                Note = $"slices {Format.Number(baseline.SliceMin)}–{Format.Number(baseline.SliceMax)}; one prepared INSERT … SELECT unnest(…) per transaction, journal-shaped table; " +
                    $"at {WriteScenarios.GroupCommitShape} rows/commit (about what group commit gathers here) {Format.Number(baseline100.PerSecond)} rows/s; " +
                    $"CPU per row, client/server: {CpuSplit(baseline)} (500), {CpuSplit(baseline100)} (100)",
            },
            new BenchResult($"(8) PostgreSQL: {options.Entities} entities x {options.Commands} commands, concurrent", registry.PerSecond, "ev/s")
            {
                Baseline = "(c) " + Format.Number(baseline.PerSecond), BaselineFigure = baseline.PerSecond, MinRatio = 0.50,
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"slices {Format.Number(registry.SliceMin)}–{Format.Number(registry.SliceMax)}; latency p50 {latencies.Milliseconds(50):F2} ms, p99 {latencies.Milliseconds(99):F2} ms; " +
                    $"{stats.EventsPerBatch:F0} events per journal transaction; every append locks its lease rows FOR SHARE; " +
                    $"journal alone ({journalOnly.Name}) {Format.Number(journalOnly.PerSecond)} ev/s = {journalOnly.MicrosPerOperation} per event; " +
                    $"CPU per event, client/server: journal alone {CpuSplit(journalOnly)}, registry {CpuSplit(registry)}"),
            },
            new BenchResult($"(8b) PostgreSQL, 4 writer loops: {options.Entities} entities x {options.Commands} commands", registry4.PerSecond, "ev/s")
            {
                Baseline = "(c) " + Format.Number(baseline.PerSecond), BaselineFigure = baseline.PerSecond, MinRatio = 0.50,
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"slices {Format.Number(registry4.SliceMin)}–{Format.Number(registry4.SliceMax)}; latency p50 {latencies4.Milliseconds(50):F2} ms, p99 {latencies4.Milliseconds(99):F2} ms; " +
                    $"{stats4.EventsPerBatch:F0} events per journal transaction; actortrust.journal.writer.loops = 4 (each stream pinned to one loop); " +
                    $"CPU per event, client/server: {CpuSplit(registry4)}"),
            },
        ];
    }

    private static string CpuSplit(Measured m) => $"{m.CpuMicrosPerOperation} / {m.ServerCpuMicrosPerOperation}";

    /// <summary>With <c>pg_stat_statements</c> loaded: the journal database's statements by total time, nested ones included.</summary>
    private static async Task PrintStatementsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand("""
            SELECT calls, rows, round(total_exec_time::numeric, 1), round((total_exec_time * 1000 / greatest(calls, 1))::numeric, 1),
                   shared_blks_hit, shared_blks_read, left(regexp_replace(query, '\s+', ' ', 'g'), 160)
              FROM pg_stat_statements
             WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
             ORDER BY total_exec_time DESC LIMIT 20
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        Console.WriteLine("pg_stat_statements (journal database): calls | rows | total ms | µs/call | blks hit | blks read | query");
        while (await reader.ReadAsync(cancellationToken))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {reader.GetInt64(0)} | {reader.GetInt64(1)} | {reader.GetDecimal(2)} | {reader.GetDecimal(3)} | {reader.GetInt64(4)} | {reader.GetInt64(5)} | {reader.GetString(6)}"));
        }
    }

    /// <summary>Registers the benchmark kind and takes every shard as the rig's node (token 1), so appends are fenced for real.</summary>
    private static async Task HoldEveryShardAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var store = await PostgreSqlClusterStore.OpenAsync(new() { ConnectionString = connectionString }, cancellationToken);
        await store.RegisterKindAsync(BenchCounter.KindName, BenchCounter.Kind.NumShards, cancellationToken);
        for (var shard = 0; shard < BenchCounter.Kind.NumShards; shard++)
        {
            var grant = await store.TryAcquireAsync(BenchCounter.KindName, shard, RuntimeRig.NodeId, TimeSpan.FromHours(1), TimeSpan.Zero, cancellationToken);
            if (grant?.Token != 1)
            {
                throw new InvalidOperationException($"benchmark could not take shard {shard} at token 1");
            }
        }
    }
}
