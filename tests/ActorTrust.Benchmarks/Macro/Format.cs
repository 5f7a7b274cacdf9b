using System.Globalization;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>Number formatting for the report.</summary>
internal static class Format
{
    /// <summary>3 significant digits with a k / M suffix: 4.12k, 97.3k, 1.23M.</summary>
    public static string Number(double value) => value switch
    {
        double.NaN => "n/a",
        >= 1e6 => Sig(value / 1e6) + "M",
        >= 1e3 => Sig(value / 1e3) + "k",
        _ => Sig(value),
    };

    /// <summary>A duration in microseconds.</summary>
    public static string Micros(double micros) => string.Create(CultureInfo.InvariantCulture, $"{micros:F2} µs");

    private static string Sig(double value) => value switch
    {
        >= 100 => value.ToString("F0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("F1", CultureInfo.InvariantCulture),
        _ => value.ToString("F2", CultureInfo.InvariantCulture),
    };
}
