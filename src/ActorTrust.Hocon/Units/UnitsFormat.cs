using System.Globalization;
using ActorTrust.Hocon.Parsing;

namespace ActorTrust.Hocon.Units;

/// <summary>
/// The specification's "units format": optional whitespace, a number, optional whitespace, an
/// optional unit made only of letters, optional whitespace.
/// </summary>
internal static class UnitsFormat
{
    public static bool TrySplit(string? text, out decimal number, out string unit)
    {
        number = 0;
        unit = string.Empty;
        if (text is null)
        {
            return false;
        }

        var start = 0;
        var end = text.Length;
        while (start < end && HoconChars.IsWhitespace(text[start]))
        {
            start++;
        }

        while (end > start && HoconChars.IsWhitespace(text[end - 1]))
        {
            end--;
        }

        var numberEnd = NumberEnd(text, start, end);
        if (numberEnd == start)
        {
            return false;
        }

        var unitStart = numberEnd;
        while (unitStart < end && HoconChars.IsWhitespace(text[unitStart]))
        {
            unitStart++;
        }

        unit = text[unitStart..end];
        return unit.All(char.IsLetter)
            && decimal.TryParse(text.AsSpan(start, numberEnd - start), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>Scales <paramref name="number"/> and truncates toward zero, failing on overflow.</summary>
    public static bool TryScale(decimal number, decimal factor, decimal divisor, out long result)
    {
        result = 0;
        try
        {
            var scaled = decimal.Truncate(number * factor / divisor);
            if (scaled is < long.MinValue or > long.MaxValue)
            {
                return false;
            }

            result = (long)scaled;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>End of a JSON-style number: <c>-?digits(.digits)?([eE][+-]?digits)?</c>; returns <paramref name="start"/> if there is none.</summary>
    private static int NumberEnd(string text, int start, int end)
    {
        var i = start;
        if (i < end && text[i] == '-')
        {
            i++;
        }

        var digits = Digits(text, i, end);
        if (digits == i)
        {
            return start;
        }

        i = digits;
        if (i + 1 < end && text[i] == '.' && HoconChars.IsDigit(text[i + 1]))
        {
            i = Digits(text, i + 1, end);
        }

        if (i < end && text[i] is 'e' or 'E')
        {
            var sign = i + 1 < end && text[i + 1] is '+' or '-' ? 1 : 0;
            var exponent = Digits(text, i + 1 + sign, end);
            if (exponent > i + 1 + sign)
            {
                i = exponent;
            }
        }

        return i;
    }

    private static int Digits(string text, int i, int end)
    {
        while (i < end && HoconChars.IsDigit(text[i]))
        {
            i++;
        }

        return i;
    }
}
