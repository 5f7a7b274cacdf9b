using System.Globalization;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>Raw SQLite write baselines: (a) one row per commit, (b) 500 rows per commit.</summary>
internal static class BaselineScenarios
{
    public const int BatchRows = 500;

    public static Rate SingleCommits(MacroOptions options, TempDirectory directory)
    {
        using var raw = new RawSqlite(directory.Database("raw-single"), options.Synchronous, streams: 1);
        return Timed.Run(options.WarmUp, options.Duration, raw.InsertCommitted);
    }

    public static Rate BatchedCommits(MacroOptions options, TempDirectory directory)
    {
        using var raw = new RawSqlite(directory.Database("raw-batched"), options.Synchronous, streams: options.Entities);
        var commits = Timed.Run(options.WarmUp, options.Duration, () => raw.InsertBatch(BatchRows));
        return commits with { Operations = commits.Operations * BatchRows };
    }

    public static IEnumerable<BenchResult> Rows(MacroOptions options, Rate single, Rate batched)
    {
        var sync = options.Synchronous.ToString().ToUpperInvariant();
        yield return new BenchResult($"(a) raw SQLite, 1 row/commit, WAL, sync={sync}", single.PerSecond, "commits/s")
        {
            Baseline = "PERFORMANCE.md: 4.1–6.2k",
            Note = string.Create(CultureInfo.InvariantCulture, $"{RawSqlite.PayloadBytes} B payload, autocommit"),
        };
        yield return new BenchResult($"(b) raw SQLite, {BatchRows} rows/commit, sync={sync}", batched.PerSecond, "rows/s")
        {
            Baseline = "PERFORMANCE.md: ~97k",
        };
    }
}
