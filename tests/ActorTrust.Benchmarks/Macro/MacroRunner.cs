using System.Globalization;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// Runs the selected macro scenarios, each raw baseline right before the runtime figure compared to it (so
/// both see the same machine load), and returns the table rows in report order.
/// </summary>
internal sealed class MacroRunner(MacroOptions options, Action<string> progress, CancellationToken cancellationToken)
{
    private readonly List<BenchResult> _rows = [];

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(MacroOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        using var directory = new TempDirectory();
        var runner = new MacroRunner(options, progress, cancellationToken);
        foreach (var scenario in MacroOptions.Scenarios.Where(options.Selected))
        {
            await runner.RunAsync(scenario, directory);
        }

        return runner._rows;
    }

    private Task RunAsync(string scenario, TempDirectory directory) => scenario switch
    {
        "single" => SingleAsync(directory),
        "concurrent" => ConcurrentAsync(directory),
        "burst" => BurstAsync(directory),
        "recovery" => RecoveryAsync(directory),
        "query" => QueryAsync(directory),
        "crypto" => CryptoAsync(),
        "admission" => AdmissionAsync(),
        "postgres" => PostgresAsync(),
        "cluster" => ClusterAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown scenario"),
    };

    private async Task SingleAsync(TempDirectory directory)
    {
        progress("(a) raw single commits, interleaved with (1) one entity, sequential commands, and its layer splits");
        _rows.AddRange(await WriteScenarios.SingleAsync(options, directory, cancellationToken));
    }

    private async Task ConcurrentAsync(TempDirectory directory)
    {
        progress($"(b) raw {WriteScenarios.BatchRows}-row commits, interleaved with (2) {options.Entities} entities x {options.Commands} commands, concurrent");
        _rows.AddRange(await WriteScenarios.ConcurrentAsync(options, directory, cancellationToken));
    }

    private async Task BurstAsync(TempDirectory directory)
    {
        progress($"(3) one entity, {WriteScenarios.BurstEvents} events per command, interleaved with raw batches and its layer splits");
        _rows.AddRange(await WriteScenarios.BurstAsync(options, directory, cancellationToken));
    }

    private async Task RecoveryAsync(TempDirectory directory)
    {
        progress($"(4) recovery of {options.ReplayEvents} events");
        var recovery = await RecoveryScenarios.RunAsync(options, directory, cancellationToken);
        var rawRead = "raw read " + Format.Number(recovery.RawRead.PerSecond);
        _rows.Add(new($"(4) raw SQLite read of {recovery.Events} rows", recovery.RawRead.PerSecond, "ev/s") { Baseline = "Akka.NET recovery 80–125k" });
        _rows.Add(new($"(4) replay {recovery.Events} ev: read+verify+deser+evolve", recovery.Replay.PerSecond, "ev/s")
        {
            Baseline = rawRead, BaselineFigure = recovery.RawRead.PerSecond, MinFigure = 100_000,
            Note = string.Create(CultureInfo.InvariantCulture,
                $"slices {Format.Number(recovery.Replay.SliceMin)}–{Format.Number(recovery.Replay.SliceMax)}; per event (median slices): raw read {recovery.RawRead.MicrosPerOperation}; " +
                $"ReadStreamAsync {recovery.ReadOnly.MicrosPerOperation}; + ChainVerifier {recovery.ReadVerify.MicrosPerOperation}; + deserialize + Evolve {recovery.Replay.MicrosPerOperation}"),
        });
        _rows.Add(new($"(4) re-activation via registry, {recovery.Events} ev", recovery.Reactivation.PerSecond, "ev/s")
        {
            Baseline = rawRead, BaselineFigure = recovery.RawRead.PerSecond, MinFigure = 100_000,
            Note = string.Create(CultureInfo.InvariantCulture,
                $"{recovery.Reactivation.Operations / recovery.Events} activations, {recovery.Reactivation.Elapsed.TotalMilliseconds * recovery.Events / recovery.Reactivation.Operations:F1} ms each"),
        });
    }

    private async Task QueryAsync(TempDirectory directory)
    {
        progress("(5) queries to an active entity");
        var queries = await QueryScenarios.RunAsync(options, directory, cancellationToken);
        _rows.Add(new("(5) QueryAsync, 1 caller awaiting each", queries.Sequential.PerSecond, "q/s")
        {
            Baseline = "channel echo " + Format.Number(queries.ChannelSequential.PerSecond), BaselineFigure = queries.ChannelSequential.PerSecond, MinFigure = 500_000,
        });
        _rows.Add(new($"(5) QueryAsync, {options.QueryCallers} callers at once", queries.Pipelined.PerSecond, "q/s")
        {
            Baseline = "channel echo " + Format.Number(queries.ChannelPipelined.PerSecond), BaselineFigure = queries.ChannelPipelined.PerSecond, MinFigure = 500_000,
            Note = "channel echo: a bare bounded single-reader Channel completing a TaskCompletionSource per request, same callers (Akka.NET ping-pong: ~2.0M msgs/s)",
        });
    }

    private async Task CryptoAsync()
    {
        progress("(6) Ed25519 and SHA-256, one core");
        var crypto = await CryptoScenarios.RunAsync(options);
        string Sodium(Measured raw) => "libsodium " + Format.Number(raw.PerSecond);
        string HashData(Measured raw) => "SHA256.HashData " + Format.Number(raw.PerSecond);
        _rows.Add(new("(6) Ed25519 sign (Core), 256 B", crypto.Sign.PerSecond, "op/s")
        {
            Baseline = Sodium(crypto.RawSign), BaselineFigure = crypto.RawSign.PerSecond,
            Note = "raw: libsodium called through function pointers in this run (PERFORMANCE.md: ~22k signs/s, ~8.1k verifies/s, ~670k SHA-256/s)",
        });
        _rows.Add(new("(6) Ed25519 verify (Core), 256 B", crypto.Verify.PerSecond, "op/s")
        {
            Baseline = Sodium(crypto.RawVerify), BaselineFigure = crypto.RawVerify.PerSecond, MinRatio = 0.70,
        });
        _rows.Add(new("(6) SHA-256 of 256 B (Digest.Sha256)", crypto.Sha256.PerSecond, "op/s") { Baseline = HashData(crypto.RawSha256), BaselineFigure = crypto.RawSha256.PerSecond });
        _rows.Add(new("(6) HashChain.Compute, one event", crypto.ChainHash.PerSecond, "op/s") { Baseline = HashData(crypto.RawSha256), BaselineFigure = crypto.RawSha256.PerSecond });
    }

    private async Task PostgresAsync()
    {
        progress($"(c) raw PostgreSQL {WriteScenarios.BatchRows}-row commits, interleaved with (8) {options.Entities} entities x {options.Commands} commands on the PostgreSQL journal");
        _rows.AddRange(await PostgresScenarios.RunAsync(options, cancellationToken));
    }

    private async Task ClusterAsync()
    {
        progress($"(9) three node processes + PostgreSQL: {options.ClusterEntities} entities over HTTP, then {options.KillTrials} SIGKILL trials");
        _rows.AddRange(await ClusterScenarios.RunAsync(options, progress, cancellationToken));
    }

    private async Task AdmissionAsync()
    {
        progress("(7) session admission with signatures verified, one core");
        var admission = await AdmissionScenarios.RunAsync(options);
        var raw = admission.RawVerify.PerSecond;
        _rows.Add(new("(7) admissions/s, claims verified (manifest cached)", admission.Cached.PerSecond, "adm/s")
        {
            Baseline = "raw verify " + Format.Number(raw) + " × 1 sig", BaselineFigure = raw, MinRatio = 0.70,
            Note = "signatures per admission × admissions/s ÷ raw libsodium verifies/s (same run); the manifest was verified once at registration; "
                + $"the same admission without claims (no signature) runs at {Format.Number(admission.NoClaims.PerSecond)}/s; "
                + $"SessionClaimsVerifier.Verify alone {Format.Number(admission.ClaimsVerifier.PerSecond)}/s, EnvelopeVerifier.Verify of the claims alone {Format.Number(admission.EnvelopeVerify.PerSecond)}/s",
        });
        _rows.Add(new("(7) admissions/s, claims + manifest verified", admission.Reverified.PerSecond, "adm/s")
        {
            Baseline = "raw verify " + Format.Number(raw) + " ÷ 2 sigs", BaselineFigure = raw / 2, MinRatio = 0.70,
        });
    }
}
