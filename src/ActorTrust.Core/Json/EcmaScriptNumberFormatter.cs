using System.Globalization;
using System.Text;

namespace ActorTrust.Core.Json;

/// <summary>
/// Writes a double the way ECMAScript's <c>Number.prototype.toString()</c> does (ECMA-262, Number::toString),
/// which is the number form RFC 8785 §3.2.2.3 requires.
/// </summary>
/// <remarks>
/// The significant digits come from .NET's shortest round-trip formatting ("R"), which yields the fewest
/// digits that read back as the same double and, among those, the ones closest to its exact value. Only
/// the layout is ECMAScript's: plain digits up to 21 integer places, <c>0.000001</c> down to 10^-6,
/// exponent form (<c>1e+21</c>, <c>1e-7</c>) outside that, and <c>0</c> for both zeros.
/// </remarks>
internal static class EcmaScriptNumberFormatter
{
    /// <summary>Formats a finite double; throws <see cref="ArgumentOutOfRangeException"/> for NaN or an infinity.</summary>
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite numbers have an ECMAScript JSON form.");
        }

        if (value == 0)
        {
            return "0";
        }

        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        if (!DecimalNotation.TryParse(shortest, out var notation))
        {
            throw new InvalidOperationException($"Unexpected round-trip number text '{shortest}'.");
        }

        var s = notation.Digits;
        var k = s.Length;
        var n = (int)notation.PointPosition;
        var text = new StringBuilder(k + 26);
        if (value < 0)
        {
            text.Append('-');
        }

        if (k <= n && n <= 21)
        {
            text.Append(s).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            text.Append(s, 0, n).Append('.').Append(s, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            text.Append("0.").Append('0', -n).Append(s);
        }
        else
        {
            var exponent = n - 1;
            text.Append(s[0]);
            if (k > 1)
            {
                text.Append('.').Append(s, 1, k - 1);
            }

            text.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
