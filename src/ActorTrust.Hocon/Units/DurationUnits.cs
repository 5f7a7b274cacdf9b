namespace ActorTrust.Hocon.Units;

/// <summary>Duration units from the specification, case-sensitive and lowercase, in nanoseconds.</summary>
internal static class DurationUnits
{
    private const decimal Microsecond = 1_000m;
    private const decimal Millisecond = 1_000_000m;
    private const decimal Second = 1_000_000_000m;

    public static readonly IReadOnlyDictionary<string, decimal> Nanoseconds = Build();

    private static Dictionary<string, decimal> Build()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        Add(units, 1m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(units, Microsecond, "us", "micro", "micros", "microsecond", "microseconds");
        Add(units, Millisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(units, Second, "s", "second", "seconds");
        Add(units, 60 * Second, "m", "minute", "minutes");
        Add(units, 3_600 * Second, "h", "hour", "hours");
        Add(units, 86_400 * Second, "d", "day", "days");
        return units;
    }

    private static void Add(Dictionary<string, decimal> units, decimal nanoseconds, params string[] names)
    {
        foreach (var name in names)
        {
            units.Add(name, nanoseconds);
        }
    }
}
