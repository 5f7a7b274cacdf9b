namespace ActorTrust.Core.Json;

/// <summary>
/// A decimal number reduced to its significant digits and the position of the decimal point:
/// the value is <c>±0.Digits × 10^PointPosition</c>. Two texts denote the same number exactly
/// when their notations are equal, whatever their spelling (<c>4.50</c>, <c>45e-1</c>, <c>4.5</c>).
/// </summary>
/// <param name="Negative">Whether the number is below zero (never set for zero).</param>
/// <param name="Digits">The significant digits without leading or trailing zeros; empty for zero.</param>
/// <param name="PointPosition">Where the decimal point sits relative to the first digit (0 for zero).</param>
internal readonly record struct DecimalNotation(bool Negative, string Digits, long PointPosition)
{
    /// <summary>
    /// Reads <c>[-|+]digits[.digits][(e|E)[+|-]digits]</c>, the number forms written by JSON and by .NET's
    /// invariant-culture formatting. Returns false for anything else or for an exponent beyond ±10^18.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DecimalNotation notation)
    {
        notation = default;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is '-' or '+')
        {
            negative = text[i] == '-';
            i++;
        }

        var digits = new System.Text.StringBuilder(text.Length);
        long pointPosition = -1;
        var sawDigit = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
                sawDigit = true;
            }
            else if (c == '.' && pointPosition < 0)
            {
                pointPosition = digits.Length;
            }
            else
            {
                break;
            }
        }

        if (!sawDigit)
        {
            return false;
        }

        if (pointPosition < 0)
        {
            pointPosition = digits.Length;
        }

        if (i < text.Length)
        {
            if (text[i] is not ('e' or 'E')
                || !long.TryParse(text[(i + 1)..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var exponent)
                || Math.Abs(exponent) > 1_000_000_000_000_000)
            {
                return false;
            }

            pointPosition += exponent;
        }

        var significant = digits.ToString();
        var trimmed = significant.TrimStart('0');
        pointPosition -= significant.Length - trimmed.Length;
        trimmed = trimmed.TrimEnd('0');
        notation = trimmed.Length == 0
            ? new DecimalNotation(false, string.Empty, 0)
            : new DecimalNotation(negative, trimmed, pointPosition);
        return true;
    }
}
