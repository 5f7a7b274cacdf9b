using System.Globalization;
using ActorTrust.Benchmarks.Entity;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// Scenarios (1) sequential single events, (2) concurrent entities with group commit and (3) batched events.
/// Each runs its raw SQLite baseline and its layer splits interleaved with it (see <see cref="Interleaved"/>).
/// </summary>
internal static class WriteScenarios
{
    public const int BatchRows = 500;
    public const int BurstEvents = 100;

    /// <summary>Streams per transaction in the journal-only split of (2), about what group commit gathers there.</summary>
    public const int GroupCommitShape = 100;

    public static async Task<IReadOnlyList<BenchResult>> SingleAsync(MacroOptions options, TempDirectory directory, CancellationToken cancellationToken)
    {
        using var raw = new RawSqlite(directory.Database("raw-single"), options.Synchronous, streams: 1);
        await using var rig = await RuntimeRig.OpenAsync(directory.Database("at-single"), options.Synchronous, cancellationToken);
        var writer = await WriterAsync(rig, cancellationToken);
        var measured = await Interleaved.RunAsync(options.WarmUp, options.Duration, options.Slices,
        [
            WriteContenders.RawSingle(raw),
            WriteContenders.RawSingleHopped(raw),
            WriteContenders.JournalDirect(rig, "journal-direct", 1, writer, cancellationToken),
            WriteContenders.ViaWriter(rig, "via-writer", 1, writer, cancellationToken),
            WriteContenders.ViaRegistry(rig, "single", 1, cancellationToken),
        ]);
        var baseline = measured[0].Median >= measured[1].Median ? measured[0] : measured[1];
        var registry = measured[^1];
        var build = await BuildOnlyAsync(options, 1, writer);
        return
        [
            new BenchResult($"(a) raw SQLite, 1 row/commit, WAL, sync={Sync(options)}", baseline.PerSecond, "commits/s")
            {
                Baseline = "PERFORMANCE.md: 4.1–6.2k",
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"autocommit INSERT, {RawSqlite.PayloadBytes} B payload; the faster (by median) of a plain loop, {Format.Number(measured[0].Median)} (slices {Range(measured[0])}), " +
                    $"and each commit via Task.Run, {Format.Number(measured[1].Median)} (slices {Range(measured[1])})"),
            },
            new BenchResult("(1) 1 entity, 1 event/command, sequential", registry.PerSecond, "ev/s")
            {
                Baseline = "(a) " + Format.Number(baseline.PerSecond), BaselineFigure = baseline.PerSecond, MinRatio = 0.90,
                Note = "slices " + Range(registry) + "; " + Splits([.. measured, build]),
            },
        ];
    }

    public static async Task<IReadOnlyList<BenchResult>> ConcurrentAsync(MacroOptions options, TempDirectory directory, CancellationToken cancellationToken)
    {
        using var raw = new RawSqlite(directory.Database("raw-batched"), options.Synchronous, streams: options.Entities);
        using var raw100 = new RawSqlite(directory.Database("raw-batched-100"), options.Synchronous, streams: options.Entities);
        using var rawShaped = new RawSqlite(directory.Database("raw-shaped"), options.Synchronous, streams: options.Entities);
        // Only with --wal-checkpoint: another contender changes every slice's neighbours, so (b) is measured as before without it.
        using var rawLikeJournal = options.WalCheckpointPages is { } pages
            ? new RawSqlite(directory.Database("raw-batched-wal"), options.Synchronous, streams: options.Entities, pages)
            : null;
        await using var rig = await RuntimeRig.OpenAsync(directory.Database("at-concurrent"), options.Synchronous, cancellationToken, options.WalCheckpointPages);
        var ids = Enumerable.Range(0, options.Entities).Select(i => string.Create(CultureInfo.InvariantCulture, $"e-{i}")).ToArray();
        await Task.WhenAll(ids.Select(id => rig.Registry.QueryAsync(id, (_, version) => version, cancellationToken))); // activate them all
        var writer = await WriterAsync(rig, cancellationToken);
        await using var noIo = RuntimeRig.OpenWithoutIo();
        var latencies = new Latencies();
        var stats = new GroupCommitStats();
        IEnumerable<Contender> extra = rawLikeJournal is null ? [] : [WriteContenders.RawBatches(rawLikeJournal, BatchRows, walCheckpointPages: options.WalCheckpointPages)];
        var measured = await Interleaved.RunAsync(options.WarmUp, options.Duration, options.Slices,
        [
            WriteContenders.RawBatches(raw, BatchRows),
            .. extra,
            WriteContenders.RawBatches(raw100, GroupCommitShape),
            WriteContenders.RawBatches(rawShaped, GroupCommitShape, readHead: true),
            WriteContenders.JournalBatched(rig, options.Entities, Math.Min(options.Entities, GroupCommitShape), writer, cancellationToken),
            WriteContenders.Concurrent(rig, ids, options.Commands, latencies, stats, cancellationToken),
        ], afterWarmUp: () =>
        {
            latencies.Clear();
            stats.Clear();
        });
        var (baseline, registry) = (measured[0], measured[^1]);
        var runtimeOnly = (await Interleaved.RunAsync(options.WarmUp, options.Duration / 2, options.Slices,
            [WriteContenders.Concurrent(noIo, ids, options.Commands, new Latencies(), new GroupCommitStats(), cancellationToken)]))[0];
        return
        [
            BatchedRow(options, baseline),
            new BenchResult($"(2) {options.Entities} entities x {options.Commands} commands, concurrent", registry.PerSecond, "ev/s")
            {
                Baseline = "(b) " + Format.Number(baseline.PerSecond), BaselineFigure = baseline.PerSecond, MinRatio = 0.50,
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"slices {Range(registry)}; {registry.Total.Operations} commands; latency p50 {latencies.Milliseconds(50):F2} ms, p99 {latencies.Milliseconds(99):F2} ms; {stats.EventsPerBatch:F0} events per journal transaction; " +
                    $"{Splits(measured)}; " +
                    $"the runtime alone (no-op journal, no I/O, measured right after) {runtimeOnly.MicrosPerOperation} [cpu {runtimeOnly.CpuMicrosPerOperation}] = {Format.Number(runtimeOnly.Median)} commands/s"),
            },
        ];
    }

    public static async Task<IReadOnlyList<BenchResult>> BurstAsync(MacroOptions options, TempDirectory directory, CancellationToken cancellationToken)
    {
        using var raw500 = new RawSqlite(directory.Database("raw-burst-500"), options.Synchronous, streams: 1);
        using var raw100 = new RawSqlite(directory.Database("raw-burst-100"), options.Synchronous, streams: 1);
        await using var rig = await RuntimeRig.OpenAsync(directory.Database("at-burst"), options.Synchronous, cancellationToken);
        var writer = await WriterAsync(rig, cancellationToken);
        var measured = await Interleaved.RunAsync(options.WarmUp, options.Duration, options.Slices,
        [
            WriteContenders.RawBatches(raw500, BatchRows),
            WriteContenders.RawBatches(raw100, BurstEvents),
            WriteContenders.JournalDirect(rig, "journal-direct", BurstEvents, writer, cancellationToken),
            WriteContenders.ViaWriter(rig, "via-writer", BurstEvents, writer, cancellationToken),
            WriteContenders.ViaRegistry(rig, "burst", BurstEvents, cancellationToken),
        ]);
        var (baseline, registry) = (measured[0], measured[^1]);
        var build = await BuildOnlyAsync(options, BurstEvents, writer);
        return
        [
            new BenchResult($"(3) 1 entity, {BurstEvents} events/command", registry.PerSecond, "ev/s")
            {
                Baseline = "raw 500 rows/commit, 1 stream " + Format.Number(baseline.PerSecond), BaselineFigure = baseline.PerSecond, MinFigure = 60_000,
                Note = "slices " + Range(registry) + "; " + Splits([.. measured.Skip(1), build]),
            },
        ];
    }

    /// <summary>Building appends alone (serialize + chain hash, no I/O), measured on its own after the interleaved I/O.</summary>
    private static async Task<Measured> BuildOnlyAsync(MacroOptions options, int events, WriterIdentity writer) =>
        (await Interleaved.RunAsync(options.WarmUp, options.Duration / 2, options.Slices, [WriteContenders.BuildOnly("build-only", events, writer)]))[0];

    private static BenchResult BatchedRow(MacroOptions options, Measured baseline) =>
        new($"(b) raw SQLite, {BatchRows} rows/commit, sync={Sync(options)}", baseline.PerSecond, "rows/s")
        {
            Baseline = "PERFORMANCE.md: ~97k",
            Note = "slices " + Range(baseline),
        };

    private static async Task<WriterIdentity> WriterAsync(RuntimeRig rig, CancellationToken cancellationToken)
    {
        var lease = await rig.Leases.AcquireAsync(BenchCounter.KindName, 0, cancellationToken);
        return new WriterIdentity(lease.OwnerNode, lease.FencingToken);
    }

    private static string Splits(IReadOnlyList<Measured> layers) =>
        "per event (median slices; process CPU per event over all slices in brackets): " +
        string.Join("; ", layers.Select(m => $"{m.Name} {m.MicrosPerOperation} [cpu {m.CpuMicrosPerOperation}]"));

    private static string Range(Measured measured) => $"{Format.Number(measured.SliceMin)}–{Format.Number(measured.SliceMax)}";

    private static string Sync(MacroOptions options) => options.Synchronous.ToString().ToUpperInvariant();
}
