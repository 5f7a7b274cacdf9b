using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ActorTrust.Client;
using ActorTrust.Persistence.PostgreSql;
using ActorTrust.Runtime.Audit;
using ActorTrust.Runtime.Keys;
using ActorTrust.Runtime.Sharding;
using ActorTrust.TestKit.Postgres;
using ActorTrust.TestKit.Trust;
using Npgsql;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// Scenario (9): three real node processes (<c>actortrust node --config cluster.conf</c>) and one PostgreSQL on this
/// machine. Domain creates (one signed envelope, one event, one entity each) through the HTTP client, spread over the
/// three nodes, next to the raw batched insert rate of the same server measured right before and after; then SIGKILL
/// trials under a background write load: failover time (kill → first accepted command on one of the killed node's
/// shards, through a survivor), re-activation of the moved entities, a restart with a new incarnation; and at the end
/// every acknowledged command looked up in the journal (lost events must be 0) and the whole journal audited.
/// </summary>
internal static class ClusterScenarios
{
    private const int DomainShards = 64;
    private static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan IdleSettle = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);
    private static int _exitedRestarts;

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(MacroOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        if (PostgresBinaries.Directory is null)
        {
            return [new BenchResult("(9) cluster: skipped", 0, "-") { Note = PostgresBinaries.Problem }];
        }

        using var directory = new TempDirectory();
        await using var server = await PostgresServer.StartAsync(options.ProfileDirectory is null ? [] : ClusterProfile.ServerSettings, cancellationToken);
        await using var raw = await RawPostgres.OpenAsync(await server.CreateDatabaseAsync("bench_cluster_raw", cancellationToken), 200);
        var db = await server.CreateDatabaseAsync("bench_cluster", cancellationToken);
        var nodes = new List<ClusterNodeProcess>();
        try
        {
            var starting = Enumerable.Range(1, 3).Select(i =>
                ClusterNodeProcess.StartAsync(directory.Path, $"node{i}", db, LeaseTtl, options.ProfileDirectory is not null, cancellationToken)).ToList();
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                // When one node fails to start, the others that did are still stopped below.
                nodes.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }

            var profile = options.ProfileDirectory is { } profileDirectory ? await ClusterProfile.CreateAsync(profileDirectory, db, cancellationToken) : null;
            await AwaitFormedAsync(nodes, cancellationToken);
            progress("(9) cluster formed; signing envelopes");

            var envelopes = Envelopes("b", options.ClusterEntities);
            var warmUp = await LoadAsync(nodes, Envelopes("warm", options.ClusterWarmUp), options.ClusterCallers, cancellationToken); // JIT, pools, connections
            // The idle window follows a settle period and runs alone: right after the warm-up the nodes are still
            // recompiling hot code (tiered JIT) and collecting, which would be counted as background work.
            await Task.Delay(IdleSettle, cancellationToken);
            if (profile is not null)
            {
                await profile.BeginAsync("idle", nodes.Select(n => n.ProcessId), ProcessCpu.PostmasterPid(server.DataDirectory), backends: false, cancellationToken);
            }

            var idle = CpuSnapshot.Take(nodes, server);
            await Task.Delay(IdleWindow, cancellationToken);
            var idleEnd = CpuSnapshot.Take(nodes, server);
            if (profile is not null)
            {
                progress(await profile.EndAsync("idle", (int)IdleWindow.TotalSeconds, cancellationToken));
            }

            var idleNodes = (idleEnd.Nodes - idle.Nodes) / IdleWindow.TotalSeconds;
            var idlePostgres = (idleEnd.Postgres - idle.Postgres) / IdleWindow.TotalSeconds;
            var rawBefore = await RawRateAsync(raw, options.Duration, cancellationToken);
            progress($"(9) {options.ClusterEntities} creates with {options.ClusterCallers} callers");
            if (profile is not null)
            {
                await profile.BeginAsync("load", nodes.Select(n => n.ProcessId), ProcessCpu.PostmasterPid(server.DataDirectory), backends: true, cancellationToken);
            }

            var cpu = CpuSnapshot.Take(nodes, server);
            var load = await LoadAsync(nodes, envelopes, options.ClusterCallers, cancellationToken);
            var cpuEnd = CpuSnapshot.Take(nodes, server);
            if (profile is not null)
            {
                progress(await profile.EndAsync("load", load.Acknowledged.Count, cancellationToken));
            }

            var cpuPerCommand = cpuEnd.PerCommandSince(cpu, load.Acknowledged.Count)
                + string.Create(CultureInfo.InvariantCulture, $"; the idle nodes alone (lease renewals, probes) use {idleNodes * 1e3:F0} ms of CPU per second, and PostgreSQL {idlePostgres * 1e3:F0} ms meanwhile ({IdleWindow.TotalSeconds:F0} s, {IdleSettle.TotalSeconds:F0} s after the warm-up); ")
                + $"after {warmUp.Acknowledged.Count} warm-up creates";
            var rawAfter = await RawRateAsync(raw, options.Duration, cancellationToken);
            var rawRate = (rawBefore + rawAfter) / 2;

            var acknowledged = new ConcurrentQueue<string>(load.Acknowledged.Concat(warmUp.Acknowledged));
            await using var leaseTable = NpgsqlDataSource.Create(db);
            var failovers = new List<double>();
            var timelines = new List<(double Expiry, double Acquired)>();
            var reactivation = new List<(int Entities, double Seconds)>();
            await using (var writers = new BackgroundWriters(nodes))
            {
                for (var trial = 1; trial <= options.KillTrials && !cancellationToken.IsCancellationRequested; trial++)
                {
                    var (seconds, timeline, moved) = await KillTrialAsync(nodes, trial, writers, leaseTable, load.Acknowledged, acknowledged, cancellationToken);
                    failovers.Add(seconds);
                    timelines.Add(timeline);
                    reactivation.Add(moved);
                    progress(string.Create(CultureInfo.InvariantCulture,
                        $"(9) kill trial {trial}/{options.KillTrials}: failover {seconds:F2} s (lease expired {timeline.Expiry:F2} s, acquired {timeline.Acquired:F2} s), ")
                        + $"{moved.Entities} moved entities re-activated in {moved.Seconds:F2} s (load {MachineLoad.LoadAverage()})");
                }

                await writers.StopAsync();
                foreach (var id in writers.Acknowledged)
                {
                    acknowledged.Enqueue(id);
                }
            }

            progress($"(9) looking up {acknowledged.Count} acknowledged commands in the journal and auditing it");
            await using var journal = await PostgreSqlJournal.OpenAsync(new PostgreSqlJournalOptions { ConnectionString = db }, cancellationToken);
            var lost = 0;
            foreach (var id in acknowledged)
            {
                if (await journal.ReadHighestSeqNrAsync($"domain|{id}", cancellationToken) != 1)
                {
                    lost++;
                }
            }

            var keys = nodes.Select(n =>
            {
                using var key = KeyFileIo.Read(Path.Combine(n.DataDir, "node.key"));
                return key.PublicKey;
            }).ToList();
            var audit = Stopwatch.StartNew();
            var report = await AuditVerifier.VerifyAllAsync(journal, new AuditOptions { TrustedNodeKeys = keys }, null, cancellationToken);
            audit.Stop();

            return Rows(options, rawBefore, rawAfter, rawRate, load, cpuPerCommand, failovers, timelines, reactivation, acknowledged.Count, lost, report, audit.Elapsed);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static List<BenchResult> Rows(
        MacroOptions options, double rawBefore, double rawAfter, double rawRate, LoadResult load, string cpuPerCommand, List<double> failovers,
        List<(double Expiry, double Acquired)> timelines, List<(int Entities, double Seconds)> reactivation, int acknowledged, int lost, AuditReport report, TimeSpan auditTime)
    {
        var sorted = failovers.Order().ToList();
        double Pick(double q) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Round(q * (sorted.Count - 1))];
        var movedEntities = reactivation.Sum(r => r.Entities);
        var movedSeconds = reactivation.Sum(r => r.Seconds);
        var auditEvents = report.EventsChecked;
        var seen = timelines.Zip(failovers).Where(t => !double.IsNaN(t.First.Acquired)).ToList();
        static double Median(IEnumerable<double> values) => values.Order().ToList() is { Count: > 0 } v ? v[v.Count / 2] : double.NaN;
        List<BenchResult> rows =
        [
            new BenchResult("(9a) raw PostgreSQL, 500 rows/commit, same server", rawRate, "rows/s")
            {
                Note = $"before the cluster load {Format.Number(rawBefore)}, after it {Format.Number(rawAfter)} (the three idle nodes keep running: lease renewals, probes)",
            },
            new BenchResult($"(9) 3 node processes: {load.Sent} domain creates over HTTP", load.PerSecond, "cmd/s")
            {
                Baseline = "(9a) " + Format.Number(rawRate), BaselineFigure = rawRate, MinRatio = 0.50,
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"{options.ClusterCallers} callers, round-robin over the 3 nodes (≈2/3 forwarded node-to-node to the shard owner); latency p50 {load.Latencies.Milliseconds(50):F1} ms, ")
                    + string.Create(CultureInfo.InvariantCulture, $"p99 {load.Latencies.Milliseconds(99):F1} ms; {load.Acknowledged.Count} accepted, {load.Failed} failed; one event per command; ")
                    + "each command is a DSSE envelope with 2 Ed25519 signatures verified by the node; client, 3 nodes and PostgreSQL share the machine; "
                    + cpuPerCommand,
            },
            new BenchResult($"(9) failover after SIGKILL, median of {failovers.Count}", Pick(0.5), "s")
            {
                MaxFigure = LeaseTtl.TotalSeconds + 2,
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"kill → first accepted command on a shard the killed node owned, sent through a survivor; lease ttl {LeaseTtl.TotalSeconds:F0} s; " +
                    $"min {Pick(0):F2} s, p90 {Pick(0.9):F2} s, max {Pick(1):F2} s; all: {string.Join(", ", failovers.Select(f => f.ToString("F1", CultureInfo.InvariantCulture)))}; " +
                    $"medians over {seen.Count} trials, from the lease table in database time: the killed node's lease expired {Median(seen.Select(t => t.First.Expiry)):F2} s after the kill, " +
                    $"a survivor acquired it {Median(seen.Select(t => t.First.Acquired - t.First.Expiry)):F2} s later, the first command was accepted {Median(seen.Select(t => t.Second - t.First.Acquired)):F2} s after that"),
            },
            new BenchResult("(9) re-activation of moved entities after failover", movedSeconds > 0 ? movedEntities / movedSeconds : double.NaN, "ent/s")
            {
                Note = $"{movedEntities} entities (1 event each) of the killed node's shards read through a survivor, 16 callers: journal replay + chain check + activation on the new owner",
            },
            new BenchResult($"(9) audit of the shared journal ({auditEvents} events)", auditEvents / auditTime.TotalSeconds, "ev/s")
            {
                Note = $"AuditVerifier.VerifyAllAsync over PostgreSQL: every stream's hash chain, checkpoints, global feed; {report.Violations.Count} violations",
            },
            new BenchResult($"(9) acknowledged events lost in {failovers.Count} kill trials", lost, "events")
            {
                MaxFigure = 0,
                Note = $"{acknowledged} acknowledged creates (the load above plus background writers through every live node during the trials), each looked up in the journal; "
                    + $"{Volatile.Read(ref _exitedRestarts)} restarts of a node that exited on its own (declared dead by the others while slow)",
            },
        ];
        if (failovers.Count == 0)
        {
            rows.RemoveAll(r => r.Scenario.StartsWith("(9) failover", StringComparison.Ordinal) || r.Scenario.StartsWith("(9) re-activation", StringComparison.Ordinal)); // --kill-trials 0
        }

        return rows;
    }

    private static async Task<(double Seconds, (double Expiry, double Acquired) Timeline, (int Entities, double Seconds) Moved)> KillTrialAsync(
        List<ClusterNodeProcess> nodes, int trial, BackgroundWriters writers, NpgsqlDataSource leaseTable, IReadOnlyCollection<string> loaded,
        ConcurrentQueue<string> acknowledged, CancellationToken cancellationToken)
    {
        var status = await AwaitFormedAsync(nodes, cancellationToken);
        var victim = nodes[trial % nodes.Count];
        var survivors = nodes.Where(n => n != victim).ToList();
        var shards = ShardsOf(status, victim.NodeId).ToHashSet();
        var probe = DomainOn(shards, $"p{trial}-");
        var movedEntities = loaded.Where(id => shards.Contains(Shards.ShardOf(id, DomainShards))).ToList();

        var clock = Stopwatch.StartNew();
        await victim.KillAsync();
        await using var timeline = FailoverTimeline.Start(leaseTable, Shards.ShardOf(probe.Id, DomainShards), LeaseTtl, clock);
        writers.Targets = survivors;
        var through = survivors[trial % survivors.Count];
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var outcome = await through.Client.CreateDomainAsync(probe.Envelope, $"probe-{trial}", cancellationToken);
                if (outcome.Accepted)
                {
                    break;
                }
            }
            catch (Exception e) when (e is HttpRequestException or ActorTrustApiException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // not yet: the shard is still held by the dead node's lease
            }

            await Task.Delay(20, cancellationToken); // retry pacing
        }

        var failover = clock.Elapsed.TotalSeconds;
        acknowledged.Enqueue(probe.Id);
        var split = await timeline.ResultAsync(TimeSpan.FromSeconds(2));

        var read = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async caller =>
        {
            for (var i = Interlocked.Increment(ref next); i < movedEntities.Count; i = Interlocked.Increment(ref next))
            {
                _ = await survivors[i % survivors.Count].Client.GetDomainAsync(movedEntities[i], cancellationToken)
                    ?? throw new InvalidOperationException($"{movedEntities[i]} was acknowledged but is not found after failover");
            }
        }));
        read.Stop();

        await victim.RestartAsync(cancellationToken);
        writers.Targets = nodes;
        return (failover, split, (movedEntities.Count, read.Elapsed.TotalSeconds));
    }

    private static async Task<LoadResult> LoadAsync(List<ClusterNodeProcess> nodes, IReadOnlyList<(string Id, string Envelope)> envelopes, int callers, CancellationToken cancellationToken)
    {
        var latencies = new Latencies();
        var acknowledged = new ConcurrentQueue<string>();
        var failed = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            var ticks = new List<long>();
            for (var i = Interlocked.Increment(ref next); i < envelopes.Count; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var outcome = await nodes[i % nodes.Count].Client.CreateDomainAsync(envelopes[i].Envelope, $"load-{i}", cancellationToken);
                    if (outcome.Accepted)
                    {
                        ticks.Add(Stopwatch.GetTimestamp() - started);
                        acknowledged.Enqueue(envelopes[i].Id);
                        continue;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or ActorTrustApiException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    // counted below
                }

                Interlocked.Increment(ref failed);
            }

            latencies.AddRange(ticks);
        }, cancellationToken)));
        clock.Stop();
        return new LoadResult(envelopes.Count, envelopes.Count / clock.Elapsed.TotalSeconds, latencies, [.. acknowledged], failed);
    }

    private static async Task<double> RawRateAsync(RawPostgres raw, TimeSpan duration, CancellationToken cancellationToken)
    {
        await raw.InsertBatchAsync(WriteScenarios.BatchRows); // warm: prepared statement
        var rows = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            rows += await raw.InsertBatchAsync(WriteScenarios.BatchRows);
        }

        return rows / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Waits until three members are active, every shard is owned and every live node owns domain shards.</summary>
    private static async Task<JsonElement> AwaitFormedAsync(List<ClusterNodeProcess> nodes, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Settle);
        JsonElement? last = null;
        try
        {
            while (true)
            {
                foreach (var exited in nodes.Where(n => n.HasExited))
                {
                    // Under a heavy machine load the others can declare a slow (re)starting node dead; it then exits.
                    Interlocked.Increment(ref _exitedRestarts);
                    await exited.RestartAsync(deadline.Token);
                }

                last = await nodes.First(n => !n.HasExited).TryStatusAsync(deadline.Token) ?? last;
                if (last is { } s
                    && s.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "active") == nodes.Count
                    && EntityShards(s).All(x => x.GetProperty("owner").ValueKind == JsonValueKind.String)
                    && nodes.All(n => ShardsOf(s, n.NodeId).Any()))
                {
                    return s;
                }

                await Task.Delay(100, deadline.Token); // polling pace inside a deadline loop
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the cluster did not form within {Settle}; last status: {last}");
        }
    }

    private static IEnumerable<JsonElement> EntityShards(JsonElement status) =>
        status.GetProperty("shards").EnumerateArray().Where(s => s.GetProperty("kind").GetString() != "__coordinator__");

    private static IEnumerable<int> ShardsOf(JsonElement status, string node) =>
        EntityShards(status)
            .Where(s => s.GetProperty("kind").GetString() == "domain" && s.GetProperty("owner").ValueKind == JsonValueKind.String && s.GetProperty("owner").GetString() == node)
            .Select(s => s.GetProperty("shard").GetInt32());

    private static (string Id, string Envelope) DomainOn(IReadOnlySet<int> shards, string prefix)
    {
        for (var i = 0; ; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{prefix}{i}.example.org");
            if (shards.Contains(Shards.ShardOf(id, DomainShards)))
            {
                using var trust = new TrustScenario(id);
                return (id, trust.CreateDomainEnvelope());
            }
        }
    }

    private static List<(string Id, string Envelope)> Envelopes(string prefix, int count)
    {
        var envelopes = new (string, string)[count];
        Parallel.For(0, count, i =>
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{prefix}{i}.example.org");
            using var trust = new TrustScenario(id, seed: (byte)((i % 200) + 1));
            envelopes[i] = (id, trust.CreateDomainEnvelope());
        });
        return [.. envelopes];
    }

    /// <summary>
    /// CPU seconds used so far by the three nodes (and, of that, their background tiered-JIT threads), PostgreSQL (all
    /// backends) and this process (the client).
    /// </summary>
    private sealed record CpuSnapshot(double Nodes, double NodesJit, double Postgres, double Client)
    {
        public static CpuSnapshot Take(List<ClusterNodeProcess> nodes, PostgresServer server) => new(
            nodes.Sum(n => n.CpuSeconds),
            nodes.Sum(n => n.JitCpuSeconds),
            ProcessCpu.TreeSeconds(ProcessCpu.PostmasterPid(server.DataDirectory)),
            Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);

        /// <summary>CPU per accepted command between <paramref name="before"/> and this snapshot, and the rate 2 cores would allow.</summary>
        public string PerCommandSince(CpuSnapshot before, int commands)
        {
            var (nodes, jit, postgres, client) = (Micro(Nodes - before.Nodes), Micro(NodesJit - before.NodesJit), Micro(Postgres - before.Postgres), Micro(Client - before.Client));
            var total = nodes + postgres + client;
            return string.Create(CultureInfo.InvariantCulture,
                $"CPU per command: nodes {nodes:F0} µs (of which {jit:F0} µs their background tiered JIT, so {nodes - jit:F0} µs without it), PostgreSQL {postgres:F0} µs, client {client:F0} µs; ")
                + string.Create(CultureInfo.InvariantCulture, $"{total:F0} µs in all, so {Environment.ProcessorCount} cores allow at most {Environment.ProcessorCount * 1e6 / total:F0} cmd/s");

            double Micro(double seconds) => seconds * 1e6 / Math.Max(1, commands);
        }
    }

    private sealed record LoadResult(int Sent, double PerSecond, Latencies Latencies, IReadOnlyCollection<string> Acknowledged, int Failed);

    /// <summary>Eight callers creating fresh domains through the live nodes in turn, during the kill trials.</summary>
    private sealed class BackgroundWriters : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task[] _loops;
        private int _next;

        public BackgroundWriters(IReadOnlyList<ClusterNodeProcess> targets)
        {
            Targets = targets;
            _loops = [.. Enumerable.Range(0, 8).Select(_ => Task.Run(LoopAsync))];
        }

        public volatile IReadOnlyList<ClusterNodeProcess> Targets;

        public ConcurrentQueue<string> Acknowledged { get; } = new();

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_loops);
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref _next);
                var targets = Targets;
                var id = string.Create(CultureInfo.InvariantCulture, $"w{n}.example.org");
                using var trust = new TrustScenario(id, seed: (byte)((n % 200) + 1));
                try
                {
                    var outcome = await targets[n % targets.Count].Client.CreateDomainAsync(trust.CreateDomainEnvelope(), $"bg-{n}", _stop.Token);
                    if (outcome.Accepted)
                    {
                        Acknowledged.Enqueue(id);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or ActorTrustApiException or TaskCanceledException)
                {
                    // not acknowledged: it may or may not have been applied
                }
            }
        }
    }
}
