using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>Renders the macro results as a plain-text table (with notes) and as JSON.</summary>
internal static class ResultTable
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Text(IReadOnlyList<BenchResult> rows)
    {
        string[] header = ["scenario", "figure", "baseline", "ratio", "target", "met"];
        var cells = rows.Select(r => new[]
        {
            r.Scenario,
            Format.Number(r.Figure) + " " + r.Unit,
            r.Baseline,
            r.Ratio is { } ratio ? ratio.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal) : "",
            Target(r),
            r.Met switch { true => "yes", false => "NO", null => "" },
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Max(c => c[i].Length))).ToArray();
        var text = new StringBuilder();
        Line(header);
        text.AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        cells.ForEach(Line);
        var notes = rows.Where(r => r.Note is not null).ToList();
        if (notes.Count > 0)
        {
            text.AppendLine().AppendLine("notes:");
            notes.ForEach(r => text.AppendLine(CultureInfo.InvariantCulture, $"  {r.Scenario}: {r.Note}"));
        }

        return text.ToString();

        void Line(string[] values) =>
            text.AppendLine(string.Join(" | ", values.Select((v, i) => i is 1 or 3 ? v.PadLeft(widths[i]) : v.PadRight(widths[i]))).TrimEnd());
    }

    public static string Json(MacroOptions options, IReadOnlyList<BenchResult> rows, string loadBefore, string loadAfter) =>
        JsonSerializer.Serialize(new
        {
            Machine = MachineLoad.Describe(),
            LoadAverageBefore = loadBefore,
            LoadAverageAfter = loadAfter,
            options.Entities,
            options.Commands,
            Synchronous = options.Synchronous.ToString(),
            DurationSeconds = options.Duration.TotalSeconds,
            Results = rows.Select(r => new
            {
                r.Scenario,
                r.Figure,
                r.Unit,
                r.Baseline,
                r.BaselineFigure,
                r.Ratio,
                Target = Target(r),
                r.Met,
                r.Note,
            }),
        }, JsonOptions);

    private static string Target(BenchResult row) =>
        row.MinRatio is { } ratio ? "≥ " + ratio.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal) + " of baseline"
        : row.MinFigure is { } figure ? "≥ " + Format.Number(figure) + " " + row.Unit
        : row.MaxFigure is { } max ? "≤ " + Format.Number(max) + " " + row.Unit
        : "";
}
