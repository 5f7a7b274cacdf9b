namespace ActorTrust.Hocon.Units;

/// <summary>
/// Size units from the specification, in bytes: <c>kB</c>/<c>MB</c>/… and the long names
/// (<c>kilobyte</c>) are powers of ten; single letters (<c>K</c>, <c>k</c>), <c>Ki</c>, <c>KiB</c>
/// and <c>kibibyte</c> are powers of two. <c>KB</c> is also accepted as a power of ten.
/// </summary>
internal static class SizeUnits
{
    private static readonly (string Decimal, string Binary)[] Prefixes =
    [
        ("kilo", "kibi"),
        ("mega", "mebi"),
        ("giga", "gibi"),
        ("tera", "tebi"),
        ("peta", "pebi"),
        ("exa", "exbi"),
        ("zetta", "zebi"),
        ("yotta", "yobi"),
    ];

    public static readonly IReadOnlyDictionary<string, decimal> Bytes = Build();

    private static Dictionary<string, decimal> Build()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["B"] = 1m,
            ["b"] = 1m,
            ["byte"] = 1m,
            ["bytes"] = 1m,
        };
        decimal ten = 1m;
        decimal two = 1m;
        foreach (var (tenName, twoName) in Prefixes)
        {
            ten *= 1000m;
            two *= 1024m;
            var lower = tenName[..1];
            var upper = lower.ToUpperInvariant();
            units[tenName + "byte"] = ten;
            units[tenName + "bytes"] = ten;
            units[upper + "B"] = ten;
            if (lower == "k")
            {
                units["kB"] = ten;
            }

            units[lower] = two;
            units[upper] = two;
            units[upper + "i"] = two;
            units[upper + "iB"] = two;
            units[twoName + "byte"] = two;
            units[twoName + "bytes"] = two;
        }

        return units;
    }
}
