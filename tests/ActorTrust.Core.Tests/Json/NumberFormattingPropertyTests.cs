using System.Globalization;
using ActorTrust.Core.Json;
using FsCheck;
using FsCheck.Fluent;

namespace ActorTrust.Core.Tests.Json;

/// <summary>Properties of the ECMAScript number form over many doubles, checked against an exact oracle.</summary>
public sealed class NumberFormattingPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(1500);

    /// <summary>Uniform over all bit patterns, plus decimal-looking values and integers.</summary>
    private static Arbitrary<double> FiniteDoubles { get; } = Gen.Frequency(
            (3, Gen.ArrayOf(Gen.Choose(0, 0xFFFF), 4)
                .Select(parts => BitConverter.Int64BitsToDouble(((long)parts[0] << 48) | ((long)parts[1] << 32) | ((long)parts[2] << 16) | (long)parts[3]))),
            (1, Gen.Choose(-1_000_000, 1_000_000).Zip(Gen.Choose(-30, 30))
                .Select(pair => pair.Item1 * Math.Pow(10, pair.Item2))),
            (1, Gen.Choose(int.MinValue / 2, int.MaxValue / 2).Select(i => (double)i)))
        .Where(double.IsFinite)
        .ToArbitrary();

    [Fact]
    public void Digits_are_the_shortest_that_read_back_and_the_closest_among_those()
    {
        Check.One(Runs, Prop.ForAll(FiniteDoubles, value =>
        {
            if (value == 0)
            {
                return EcmaScriptNumberFormatter.Format(value) == "0";
            }

            DecimalNotation.TryParse(EcmaScriptNumberFormatter.Format(value), out var written).ShouldBeTrue();
            var expected = ShortestDecimalOracle.Compute(Math.Abs(value));
            return written.Negative == value < 0
                && written.Digits == expected.Digits
                && written.PointPosition == expected.PointPosition;
        }));
    }

    [Fact]
    public void Formatted_text_reads_back_as_the_same_double()
    {
        Check.One(Runs, Prop.ForAll(FiniteDoubles, value =>
        {
            var text = EcmaScriptNumberFormatter.Format(value);
            var reread = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            return value == 0 ? reread == 0 && text == "0" : BitConverter.DoubleToInt64Bits(reread) == BitConverter.DoubleToInt64Bits(value);
        }));
    }

    [Fact]
    public void Exponent_form_is_used_exactly_outside_one_millionth_to_1e21()
    {
        Check.One(Runs, Prop.ForAll(FiniteDoubles, value =>
        {
            var text = EcmaScriptNumberFormatter.Format(value);
            var magnitude = Math.Abs(value);
            var expectExponent = magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21);
            var hasExponent = text.Contains('e', StringComparison.Ordinal);
            var exponentIsSigned = !hasExponent || text.Contains("e+", StringComparison.Ordinal) || text.Contains("e-", StringComparison.Ordinal);
            return hasExponent == expectExponent && exponentIsSigned && !text.Contains('E', StringComparison.Ordinal);
        }));
    }
}
