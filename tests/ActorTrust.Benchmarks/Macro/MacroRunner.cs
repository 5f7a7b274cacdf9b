using System.Globalization;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// Runs every macro scenario once, in an order that puts each raw baseline right before the runtime figure
/// compared to it (so both see the same machine load), and returns the table rows in report order.
/// </summary>
internal static class MacroRunner
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(MacroOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        using var directory = new TempDirectory();
        var n = options.Entities;
        var m = options.Commands;

        progress("(a) raw SQLite, one row per commit");
        var rawSingle = BaselineScenarios.SingleCommits(options, directory);
        progress("(1) one entity, sequential commands");
        var single = await WriteScenarios.OneEntitySequentialAsync(options, directory, cancellationToken);
        progress($"(b) raw SQLite, {BaselineScenarios.BatchRows} rows per commit");
        var rawBatched = BaselineScenarios.BatchedCommits(options, directory);
        progress($"(2) {n} entities x {m} commands, concurrent");
        var (concurrent, latencies, eventsPerBatch) = await WriteScenarios.ConcurrentAsync(options, directory, cancellationToken);
        progress($"(3) one entity, {WriteScenarios.BurstEvents} events per command");
        var bursts = await WriteScenarios.OneEntityBurstsAsync(options, directory, cancellationToken);
        progress($"(4) recovery of {options.ReplayEvents} events");
        var recovery = await RecoveryScenarios.RunAsync(options, directory, cancellationToken);
        progress("(5) queries to an active entity");
        var queries = await QueryScenarios.RunAsync(options, directory, cancellationToken);
        progress("(6) Ed25519 and SHA-256, one core");
        var crypto = CryptoScenarios.Run(options);

        var rawSingleName = string.Create(CultureInfo.InvariantCulture, $"(a) {Format.Number(rawSingle.PerSecond)}");
        var rawBatchedName = string.Create(CultureInfo.InvariantCulture, $"(b) {Format.Number(rawBatched.PerSecond)}");
        var rawReadName = "raw read " + Format.Number(recovery.RawRead.PerSecond);
        var k = options.QueryCallers;
        List<BenchResult> rows = [.. BaselineScenarios.Rows(options, rawSingle, rawBatched)];
        rows.AddRange(
        [
            new("(1) 1 entity, 1 event/command, sequential", single.PerSecond, "ev/s")
            {
                Baseline = rawSingleName, BaselineFigure = rawSingle.PerSecond, MinRatio = 0.90,
                Note = string.Create(CultureInfo.InvariantCulture, $"{single.Operations} commands in {single.Elapsed.TotalSeconds:F1} s; mean latency {1000 / single.PerSecond:F3} ms"),
            },
            new($"(2) {n} entities x {m} commands, concurrent", concurrent.PerSecond, "ev/s")
            {
                Baseline = rawBatchedName, BaselineFigure = rawBatched.PerSecond, MinRatio = 0.50,
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"{concurrent.Operations} commands in {concurrent.Elapsed.TotalSeconds:F1} s; latency p50 {latencies.Milliseconds(50):F2} ms, p99 {latencies.Milliseconds(99):F2} ms; {eventsPerBatch:F0} events per journal transaction"),
            },
            new($"(3) 1 entity, {WriteScenarios.BurstEvents} events/command", bursts.PerSecond, "ev/s")
            {
                Baseline = rawBatchedName, BaselineFigure = rawBatched.PerSecond, MinFigure = 60_000,
            },
            new($"(4) raw SQLite read of {recovery.Events} rows", recovery.RawRead.PerSecond, "ev/s")
            {
                Baseline = "Akka.NET recovery 80–125k",
            },
            new($"(4) replay {recovery.Events} ev: read+verify+deser+evolve", recovery.Replay.PerSecond, "ev/s")
            {
                Baseline = rawReadName, BaselineFigure = recovery.RawRead.PerSecond, MinFigure = 100_000,
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"splits: ReadStreamAsync only {Format.Number(recovery.ReadOnly.PerSecond)} ev/s, + ChainVerifier {Format.Number(recovery.ReadVerify.PerSecond)} ev/s, + deserialize+Evolve {Format.Number(recovery.Replay.PerSecond)} ev/s " +
                    $"(per event: read {Format.Micros(recovery.ReadOnly)}, verify {Format.MicrosDelta(recovery.ReadVerify, recovery.ReadOnly)}, deserialize+evolve {Format.MicrosDelta(recovery.Replay, recovery.ReadVerify)})"),
            },
            new($"(4) re-activation via registry, {recovery.Events} ev", recovery.Reactivation.PerSecond, "ev/s")
            {
                Baseline = rawReadName, BaselineFigure = recovery.RawRead.PerSecond, MinFigure = 100_000,
                Note = string.Create(CultureInfo.InvariantCulture, $"{recovery.Reactivation.Operations / recovery.Events} activations, {recovery.Reactivation.Elapsed.TotalMilliseconds * recovery.Events / recovery.Reactivation.Operations:F1} ms each"),
            },
            new("(5) QueryAsync, 1 caller awaiting each", queries.Sequential.PerSecond, "q/s")
            {
                Baseline = "channel echo " + Format.Number(queries.ChannelSequential.PerSecond), BaselineFigure = queries.ChannelSequential.PerSecond, MinFigure = 500_000,
            },
            new($"(5) QueryAsync, {k} callers at once", queries.Pipelined.PerSecond, "q/s")
            {
                Baseline = "channel echo " + Format.Number(queries.ChannelPipelined.PerSecond), BaselineFigure = queries.ChannelPipelined.PerSecond, MinFigure = 500_000,
                Note = "baseline: a bare bounded single-reader Channel answering a TaskCompletionSource per request, same callers (Akka.NET ping-pong: ~2.0M msgs/s)",
            },
            new("(6) Ed25519 sign (Core), 256 B", crypto.Sign.PerSecond, "op/s")
            {
                Baseline = "libsodium " + Format.Number(crypto.RawSign.PerSecond), BaselineFigure = crypto.RawSign.PerSecond,
                Note = "raw figures are libsodium called through function pointers in this run; PERFORMANCE.md: ~22k signs/s, ~8.1k verifies/s, ~670k SHA-256/s",
            },
            new("(6) Ed25519 verify (Core), 256 B", crypto.Verify.PerSecond, "op/s")
            {
                Baseline = "libsodium " + Format.Number(crypto.RawVerify.PerSecond), BaselineFigure = crypto.RawVerify.PerSecond, MinRatio = 0.70,
            },
            new("(6) SHA-256 of 256 B (Digest.Sha256)", crypto.Sha256.PerSecond, "op/s")
            {
                Baseline = "SHA256.HashData " + Format.Number(crypto.RawSha256.PerSecond), BaselineFigure = crypto.RawSha256.PerSecond,
            },
            new("(6) HashChain.Compute, one event", crypto.ChainHash.PerSecond, "op/s")
            {
                Baseline = "SHA256.HashData " + Format.Number(crypto.RawSha256.PerSecond), BaselineFigure = crypto.RawSha256.PerSecond,
            },
        ]);
        return rows;
    }
}
