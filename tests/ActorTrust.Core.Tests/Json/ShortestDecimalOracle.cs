using System.Globalization;
using System.Numerics;

namespace ActorTrust.Core.Tests.Json;

/// <summary>
/// An independent, slow reference for step 5 of ECMA-262 Number::toString, in exact integer arithmetic:
/// the fewest significant digits k whose decimal reads back as the same double and, among k-digit
/// decimals that do, the one closest to the double's exact value (the even one on a tie).
/// </summary>
internal static class ShortestDecimalOracle
{
    /// <summary>Returns the digits s (no trailing zeros) and n such that the value is 0.s × 10^n.</summary>
    public static (string Digits, long PointPosition) Compute(double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A positive finite value is required.");
        }

        var (numerator, denominator) = Exact(value);
        var decade = (int)Math.Floor(Math.Log10(value));
        while (CompareWithPowerOfTen(numerator, denominator, decade) < 0)
        {
            decade--;
        }

        while (CompareWithPowerOfTen(numerator, denominator, decade + 1) >= 0)
        {
            decade++;
        }

        for (var k = 1; k <= 17; k++)
        {
            var scale = decade + 1 - k;
            var (scaledNumerator, scaledDenominator) = scale >= 0
                ? (numerator, denominator * BigInteger.Pow(10, scale))
                : (numerator * BigInteger.Pow(10, -scale), denominator);
            var floor = BigInteger.DivRem(scaledNumerator, scaledDenominator, out var remainder);

            var candidates = new List<(BigInteger Digits, BigInteger Distance)>();
            if (ReadsBackAs(floor, scale, value))
            {
                candidates.Add((floor, remainder));
            }

            if (!remainder.IsZero && ReadsBackAs(floor + 1, scale, value))
            {
                candidates.Add((floor + 1, scaledDenominator - remainder));
            }

            if (candidates.Count == 0)
            {
                continue;
            }

            var best = candidates
                .OrderBy(c => c.Distance)
                .ThenBy(c => c.Digits.IsEven ? 0 : 1)
                .First();
            var text = best.Digits.ToString(CultureInfo.InvariantCulture);
            return (text.TrimEnd('0'), text.Length + scale);
        }

        throw new InvalidOperationException($"No decimal of 17 digits or fewer reads back as {value:R}.");
    }

    private static bool ReadsBackAs(BigInteger digits, int scale, double value) =>
        digits > 0 && double.Parse($"{digits}E{scale}", NumberStyles.Float, CultureInfo.InvariantCulture) == value;

    private static (BigInteger Numerator, BigInteger Denominator) Exact(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var biasedExponent = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & ((1L << 52) - 1);
        var (mantissa, exponent) = biasedExponent == 0
            ? (fraction, -1074)
            : (fraction | (1L << 52), biasedExponent - 1075);
        return exponent >= 0
            ? (new BigInteger(mantissa) << exponent, BigInteger.One)
            : (new BigInteger(mantissa), BigInteger.One << -exponent);
    }

    private static int CompareWithPowerOfTen(BigInteger numerator, BigInteger denominator, int power) =>
        power >= 0
            ? numerator.CompareTo(denominator * BigInteger.Pow(10, power))
            : (numerator * BigInteger.Pow(10, -power)).CompareTo(denominator);
}
