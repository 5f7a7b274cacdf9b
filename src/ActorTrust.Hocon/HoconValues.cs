using ActorTrust.Hocon.Units;

namespace ActorTrust.Hocon;

/// <summary>
/// Parses the HOCON specification's duration and size-in-bytes formats: a number, optional
/// whitespace and an optional unit, such as <c>15s</c>, <c>250 ms</c>, <c>64 MiB</c> or <c>10kB</c>.
/// </summary>
public static class HoconValues
{
    /// <summary>Parses a duration; a number without a unit is in milliseconds.</summary>
    /// <param name="value">
    /// A number (fractions and exponents allowed) followed by an optional case-sensitive unit:
    /// <c>ns</c>/<c>nano</c>/<c>nanos</c>/<c>nanosecond(s)</c>, <c>us</c>/<c>micro</c>/<c>micros</c>/<c>microsecond(s)</c>,
    /// <c>ms</c>/<c>milli</c>/<c>millis</c>/<c>millisecond(s)</c>, <c>s</c>/<c>second(s)</c>,
    /// <c>m</c>/<c>minute(s)</c>, <c>h</c>/<c>hour(s)</c>, <c>d</c>/<c>day(s)</c>.
    /// </param>
    /// <returns>The duration, truncated to whole ticks (100 ns).</returns>
    /// <exception cref="FormatException">The value is not a duration or does not fit a <see cref="TimeSpan"/>.</exception>
    public static TimeSpan ParseDuration(string value) =>
        TryParseDuration(value, out var duration)
            ? duration
            : throw new FormatException($"'{value}' is not a HOCON duration: expected a number and an optional unit (ns, us, ms, s, m, h, d)");

    /// <summary>Tries to parse a duration as <see cref="ParseDuration"/> does.</summary>
    /// <param name="value">The text to parse; <see langword="null"/> fails.</param>
    /// <param name="duration">The duration when parsing succeeds; otherwise <see cref="TimeSpan.Zero"/>.</param>
    /// <returns>Whether <paramref name="value"/> is a duration that fits a <see cref="TimeSpan"/>.</returns>
    public static bool TryParseDuration(string? value, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (!UnitsFormat.TrySplit(value, out var number, out var unit))
        {
            return false;
        }

        var nanoseconds = unit.Length == 0 ? 1_000_000m : DurationUnits.Nanoseconds.GetValueOrDefault(unit);
        if (nanoseconds == 0 || !UnitsFormat.TryScale(number, nanoseconds, 100m, out var ticks))
        {
            return false;
        }

        duration = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>Parses a size in bytes; a number without a unit is in bytes.</summary>
    /// <param name="value">
    /// A non-negative number followed by an optional unit. Powers of ten: <c>kB</c> (or <c>KB</c>),
    /// <c>MB</c>, <c>GB</c>, <c>TB</c>, <c>PB</c>, <c>EB</c>, and <c>kilobyte(s)</c> … <c>exabyte(s)</c>.
    /// Powers of two: <c>K</c>/<c>k</c>/<c>Ki</c>/<c>KiB</c>/<c>kibibyte(s)</c>, likewise for
    /// M, G, T, P and E. Bytes: <c>B</c>, <c>b</c>, <c>byte</c>, <c>bytes</c>.
    /// </param>
    /// <returns>The number of bytes, truncated to a whole number.</returns>
    /// <exception cref="FormatException">The value is not a size, is negative, or does not fit a <see cref="long"/>.</exception>
    public static long ParseSize(string value) =>
        TryParseSize(value, out var bytes)
            ? bytes
            : throw new FormatException($"'{value}' is not a HOCON size in bytes: expected a non-negative number and an optional unit (B, kB, MB, K, KiB, M, MiB, ...)");

    /// <summary>Tries to parse a size in bytes as <see cref="ParseSize"/> does.</summary>
    /// <param name="value">The text to parse; <see langword="null"/> fails.</param>
    /// <param name="bytes">The size when parsing succeeds; otherwise 0.</param>
    /// <returns>Whether <paramref name="value"/> is a non-negative size that fits a <see cref="long"/>.</returns>
    public static bool TryParseSize(string? value, out long bytes)
    {
        bytes = 0;
        if (!UnitsFormat.TrySplit(value, out var number, out var unit) || number < 0)
        {
            return false;
        }

        var factor = unit.Length == 0 ? 1m : SizeUnits.Bytes.GetValueOrDefault(unit);
        return factor != 0 && UnitsFormat.TryScale(number, factor, 1m, out bytes);
    }
}
