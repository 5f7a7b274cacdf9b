using System.Globalization;
using ActorTrust.Persistence.Sqlite;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>Command-line settings of the macro benchmark.</summary>
internal sealed record MacroOptions
{
    public int Entities { get; init; } = 200;

    public int Commands { get; init; } = 50;

    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>
    /// <c>--wal-checkpoint</c>: the runtime journal's <c>wal_autocheckpoint</c> in the concurrent scenario, which then also
    /// runs raw 500-row commits with the same setting as an extra split. Null (the default): the journal's default, no extra split.
    /// </summary>
    public int? WalCheckpointPages { get; init; }

    /// <summary>How long each measurement runs (after its warm-up).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Interleaved slices each measurement is cut into (baselines and runtime take turns).</summary>
    public int Slices { get; init; } = 6;

    /// <summary>How long each warm-up runs.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Events replayed by the recovery scenario.</summary>
    public int ReplayEvents { get; init; } = 10_000;

    /// <summary>Concurrent callers in the pipelined query scenario.</summary>
    public int QueryCallers { get; init; } = 16;

    /// <summary>Entities (domains, one create command each) spread over the three nodes in the cluster scenario.</summary>
    public int ClusterEntities { get; init; } = 10_000;

    /// <summary>Concurrent HTTP callers in the cluster scenario.</summary>
    public int ClusterCallers { get; init; } = 64;

    /// <summary>Domain creates sent before the measured load in the cluster scenario (JIT, pools, connections).</summary>
    public int ClusterWarmUp { get; init; } = 1000;

    /// <summary>SIGKILL trials in the cluster scenario (0 skips failover and measures only the load).</summary>
    public int KillTrials { get; init; } = 20;

    /// <summary>
    /// <c>--pg-setting name=value</c> (repeatable): extra settings of the throw-away PostgreSQL server of scenario (8), for
    /// profiling (e.g. <c>shared_preload_libraries=pg_stat_statements</c>; the scenario then prints the journal's statements).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> PgSettings { get; init; } = [];

    /// <summary>
    /// <c>--profile DIR</c>: the cluster scenario profiles its load phase into this directory: the nodes run with
    /// <c>DOTNET_PerfMapEnabled=1</c>, <c>perf record</c> samples the nodes and PostgreSQL's backends, and
    /// PostgreSQL's <c>pg_stat_statements</c> is printed per command. Null (the default): no profiling.
    /// </summary>
    public string? ProfileDirectory { get; init; }

    /// <summary>Every scenario, in run order. <c>cluster</c> (node processes, minutes) runs only when named in <c>--only</c>.</summary>
    public static IReadOnlyList<string> Scenarios { get; } = ["single", "concurrent", "burst", "recovery", "query", "crypto", "admission", "postgres", "cluster"];

    /// <summary>The scenarios to run (<c>--only</c>); null runs all.</summary>
    public IReadOnlySet<string>? Only { get; init; }

    public bool Selected(string scenario) => Only is null ? scenario != "cluster" : Only.Contains(scenario);

    /// <summary>Print the results as JSON too (to stdout, or to this file).</summary>
    public bool Json { get; init; }

    public string? JsonFile { get; init; }

    public const string Usage =
        "usage: macro [--entities N=200] [--commands M=50] [--sync full|normal] [--wal-checkpoint PAGES] [--seconds S=3] [--warmup S=1] [--slices N=6] " +
        "[--replay-events N=10000] [--query-callers N=16] " +
        "[--cluster-entities N=10000] [--cluster-callers N=64] [--cluster-warmup N=1000] [--kill-trials N=20 (0: no failover)] [--profile DIR] " +
        "[--only single,concurrent,burst,recovery,query,crypto,admission,postgres,cluster] [--pg-setting name=value]... [--json [file]]";

    public static MacroOptions Parse(IReadOnlyList<string> args)
    {
        var options = new MacroOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value. {Usage}");
            options = args[i] switch
            {
                "--entities" => options with { Entities = PositiveInt(Next(), "--entities") },
                "--commands" => options with { Commands = PositiveInt(Next(), "--commands") },
                "--sync" => options with { Synchronous = Sync(Next()) },
                "--wal-checkpoint" => options with { WalCheckpointPages = PositiveInt(Next(), "--wal-checkpoint") },
                "--seconds" => options with { Duration = Seconds(Next(), "--seconds") },
                "--slices" => options with { Slices = PositiveInt(Next(), "--slices") },
                "--warmup" => options with { WarmUp = Seconds(Next(), "--warmup") },
                "--replay-events" => options with { ReplayEvents = PositiveInt(Next(), "--replay-events") },
                "--query-callers" => options with { QueryCallers = PositiveInt(Next(), "--query-callers") },
                "--cluster-entities" => options with { ClusterEntities = PositiveInt(Next(), "--cluster-entities") },
                "--cluster-callers" => options with { ClusterCallers = PositiveInt(Next(), "--cluster-callers") },
                "--cluster-warmup" => options with { ClusterWarmUp = PositiveInt(Next(), "--cluster-warmup") },
                "--kill-trials" => options with { KillTrials = NonNegativeInt(Next(), "--kill-trials") },
                "--profile" => options with { ProfileDirectory = Path.GetFullPath(Next()) },
                "--only" => options with { Only = ScenarioSet(Next()) },
                "--pg-setting" => options with { PgSettings = [.. options.PgSettings, Setting(Next())] },
                "--json" when i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) =>
                    options with { Json = true, JsonFile = args[++i] },
                "--json" => options with { Json = true },
                _ => throw new ArgumentException($"unknown option {args[i]}. {Usage}"),
            };
        }

        return options;
    }

    private static int PositiveInt(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} must be a positive integer, got '{text}'");

    private static int NonNegativeInt(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{name} must be 0 or a positive integer, got '{text}'");

    private static TimeSpan Seconds(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? TimeSpan.FromSeconds(value)
            : throw new ArgumentException($"{name} must be a positive number of seconds, got '{text}'");

    private static KeyValuePair<string, string> Setting(string text) =>
        text.IndexOf('=', StringComparison.Ordinal) is var eq and > 0
            ? new(text[..eq], text[(eq + 1)..])
            : throw new ArgumentException($"--pg-setting takes name=value, got '{text}'");

    private static HashSet<string> ScenarioSet(string text)
    {
        var set = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = set.Except(Scenarios).ToList();
        return unknown.Count == 0 && set.Count > 0
            ? set
            : throw new ArgumentException($"--only takes a comma-separated list of {string.Join(", ", Scenarios)}; unknown: {string.Join(", ", unknown)}");
    }

    private static SqliteSynchronous Sync(string text) => text.ToUpperInvariant() switch
    {
        "FULL" => SqliteSynchronous.Full,
        "NORMAL" => SqliteSynchronous.Normal,
        _ => throw new ArgumentException($"--sync must be full or normal, got '{text}'"),
    };
}
