using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorTrust.Core.Json;

/// <summary>Why a number was refused, with a short description of the problem that names the number.</summary>
internal readonly record struct NumberRejection(CanonicalJsonErrorCode Code, string Problem);

/// <summary>
/// The one number policy shared by the reader and the writer, so that every document
/// <see cref="CanonicalJson.Serialize(JsonNode?)"/> writes is one <see cref="CanonicalJson.Parse"/> accepts.
/// </summary>
/// <remarks>
/// Numbers are IEEE-754 doubles (RFC 8785 §3.2.2.3). An integral value above 2^53 − 1 in magnitude
/// is refused when its canonical form would be plain integer digits (below 1e21): such text looks
/// like an exact integer but no double-based reader can hold it exactly (I-JSON, RFC 7493 §2.2).
/// </remarks>
internal static class CanonicalNumbers
{
    /// <summary>2^53 − 1, the largest integer every IEEE-754 double reader holds exactly.</summary>
    public const double MaxSafeInteger = 9007199254740991d;

    /// <summary>From this magnitude on, ECMAScript writes numbers in exponent form.</summary>
    private const double ExponentFormThreshold = 1e21;

    /// <summary>Checks a double about to be written: finite, and not an unsafe plain integer.</summary>
    public static NumberRejection? Check(double value, string? sourceText = null)
    {
        if (!double.IsFinite(value))
        {
            return new(CanonicalJsonErrorCode.NonFinite, $"{value.ToString(CultureInfo.InvariantCulture)} is not a JSON number");
        }

        var magnitude = Math.Abs(value);
        return magnitude > MaxSafeInteger && magnitude < ExponentFormThreshold
            ? new(CanonicalJsonErrorCode.IntegerOutOfRange, $"integer {sourceText ?? EcmaScriptNumberFormatter.Format(value)} is outside ±(2^53−1)")
            : null;
    }

    /// <summary>Reads a JSON number literal (already grammar-checked) as the nearest double and checks it.</summary>
    /// <summary>
    /// True when a number literal the reader accepted is within the number policy and already written exactly as
    /// <see cref="EcmaScriptNumberFormatter"/> writes its value (so its canonical form is the literal itself).
    /// </summary>
    public static bool IsCanonicalLiteral(ReadOnlySpan<byte> literal)
    {
        // Plain integers of up to 15 digits, without a leading zero or a negative zero, are always in range and
        // always written as their digits.
        var digits = literal.Length > 0 && literal[0] == (byte)'-' ? literal[1..] : literal;
        if (digits.Length is > 0 and <= 15 && digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
            && (digits[0] != (byte)'0' || (digits.Length == 1 && digits.Length == literal.Length)))
        {
            return true;
        }

        if (TryRead(literal, out var value) is not null)
        {
            return false;
        }

        var text = EcmaScriptNumberFormatter.Format(value);
        if (text.Length != literal.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != literal[i])
            {
                return false;
            }
        }

        return true;
    }

    public static NumberRejection? TryRead(ReadOnlySpan<byte> literal, out double value)
    {
        value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
        {
            return new(CanonicalJsonErrorCode.NumberOverflow, $"number {Describe(literal)} is too large for a double");
        }

        return Check(value, Describe(literal));
    }

    /// <summary>
    /// Converts the number held by a <see cref="JsonValue"/> to the double it will be written as. Doubles
    /// are taken as they are; any other number (integers, decimals, the text of a JsonElement) must be
    /// reproduced exactly by the canonical form, or it is refused.
    /// </summary>
    public static NumberRejection? TryConvert(JsonValue node, out double value)
    {
        value = 0;
        if (node.TryGetValue<JsonElement>(out var element))
        {
            return TryConvertText(element.GetRawText(), out value);
        }

        if (node.TryGetValue(out value))
        {
            return Check(value);
        }

        // System.Text.Json cannot write these two as text, so their finiteness is checked first.
        if (node.TryGetValue<float>(out var single) && !float.IsFinite(single))
        {
            return Check(single);
        }

        if (node.TryGetValue<Half>(out var half) && !Half.IsFinite(half))
        {
            return Check((double)half);
        }

        string text;
        try
        {
            text = node.ToJsonString();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return new(CanonicalJsonErrorCode.InvalidNumber, $"number could not be written as JSON ({e.Message})");
        }

        return TryConvertText(text, out value);
    }

    private static NumberRejection? TryConvertText(string text, out double value)
    {
        value = 0;
        if (!DecimalNotation.TryParse(text, out var source)
            || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return new(CanonicalJsonErrorCode.InvalidNumber, $"'{Truncate(text)}' is not a JSON number");
        }

        if (double.IsInfinity(value))
        {
            return new(CanonicalJsonErrorCode.NumberOverflow, $"number {Truncate(text)} is too large for a double");
        }

        if (Check(value, Truncate(text)) is { } rejection)
        {
            return rejection;
        }

        var canonical = EcmaScriptNumberFormatter.Format(value);
        DecimalNotation.TryParse(canonical, out var written);
        return written == source
            ? null
            : new(CanonicalJsonErrorCode.InexactNumber, $"number {Truncate(text)} has no exact double form (the nearest is {canonical})");
    }

    private static string Describe(ReadOnlySpan<byte> literal) =>
        Truncate(System.Text.Encoding.UTF8.GetString(literal));

    private static string Truncate(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
