namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// One row of the macro table: a figure, the raw baseline it is compared to (measured in the same run where
/// possible) and the target, either a minimum ratio to the baseline or a minimum absolute figure.
/// </summary>
internal sealed record BenchResult(string Scenario, double Figure, string Unit)
{
    public string Baseline { get; init; } = "";

    public double? BaselineFigure { get; init; }

    /// <summary>The target as a minimum figure / baseline ratio.</summary>
    public double? MinRatio { get; init; }

    /// <summary>The target as a minimum absolute figure.</summary>
    public double? MinFigure { get; init; }

    /// <summary>The target as a maximum absolute figure (times, losses: lower is better).</summary>
    public double? MaxFigure { get; init; }

    /// <summary>Free text shown under the table (latencies, batch sizes, splits).</summary>
    public string? Note { get; init; }

    public double? Ratio => BaselineFigure is > 0 ? Figure / BaselineFigure : null;

    public bool? Met =>
        MinRatio is { } minRatio ? Ratio >= minRatio
        : MinFigure is { } minFigure ? Figure >= minFigure
        : MaxFigure is { } maxFigure ? Figure <= maxFigure
        : null;
}
