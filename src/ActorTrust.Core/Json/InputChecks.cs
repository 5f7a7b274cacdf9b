using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorTrust.Core.Json;

/// <summary>
/// Checks on the raw input that <see cref="System.Text.Json.Utf8JsonReader"/> does not make, or does not
/// report with a stable reason: size, byte order mark, UTF-8 well-formedness, escaped surrogates,
/// trailing data, and the mapping of its grammar errors to an absolute byte offset.
/// </summary>
internal static class InputChecks
{
    public static void EnsureWithinSize(ReadOnlySpan<byte> utf8, int maxBytes)
    {
        if (utf8.Length > maxBytes)
        {
            throw Fail(CanonicalJsonErrorCode.TooLarge, maxBytes, $"input of {utf8.Length} bytes exceeds the limit of {maxBytes} bytes");
        }
    }

    public static void EnsureNoByteOrderMark(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            throw Fail(CanonicalJsonErrorCode.ByteOrderMark, 0, "UTF-8 byte order mark");
        }
    }

    public static void EnsureValidUtf8(ReadOnlySpan<byte> utf8)
    {
        if (System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return;
        }

        var i = 0;
        while (Rune.DecodeFromUtf8(utf8[i..], out _, out var consumed) == OperationStatus.Done)
        {
            i += consumed;
        }

        throw Fail(CanonicalJsonErrorCode.InvalidUtf8, i, $"invalid UTF-8 byte 0x{utf8[i]:X2}");
    }

    /// <summary>
    /// Checks the <c>\uXXXX</c> escapes of a raw (still escaped) string body that starts at
    /// <paramref name="bodyStart"/> in the input: every high surrogate must be followed by a low one.
    /// </summary>
    public static void EnsurePairedSurrogateEscapes(ReadOnlySpan<byte> body, long bodyStart)
    {
        var pendingHigh = -1;
        for (var i = 0; i < body.Length; i++)
        {
            var isUnicodeEscape = body[i] == '\\' && body[i + 1] == 'u';
            var unit = isUnicodeEscape
                ? int.Parse(body.Slice(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
                : -1;

            if (pendingHigh >= 0)
            {
                if (!char.IsLowSurrogate((char)unit))
                {
                    throw LoneSurrogate(body, bodyStart, pendingHigh);
                }

                pendingHigh = -1;
            }
            else if (char.IsHighSurrogate((char)unit))
            {
                pendingHigh = i;
            }
            else if (char.IsLowSurrogate((char)unit))
            {
                throw LoneSurrogate(body, bodyStart, i);
            }

            // Skip the rest of an escape so that the 'u' of "\\u0041" is never taken for a new one.
            i += isUnicodeEscape ? 5 : body[i] == '\\' ? 1 : 0;
        }

        if (pendingHigh >= 0)
        {
            throw LoneSurrogate(body, bodyStart, pendingHigh);
        }
    }

    public static void EnsureOnlyWhitespaceAfter(ReadOnlySpan<byte> utf8, long consumed)
    {
        var rest = utf8[(int)consumed..];
        var offset = rest.IndexOfAnyExcept(" \t\r\n"u8);
        if (offset >= 0)
        {
            throw Fail(CanonicalJsonErrorCode.TrailingData, consumed + offset, "data after the top-level value");
        }
    }

    /// <summary>Turns a grammar error of Utf8JsonReader into a coded exception at an absolute byte offset.</summary>
    public static CanonicalJsonException FromReaderError(JsonException error, ReadOnlySpan<byte> utf8)
    {
        var position = AbsolutePosition(utf8, error.LineNumber ?? 0, error.BytePositionInLine ?? 0);
        if (NonFiniteLiteralStart(utf8, position) is var literalStart and >= 0)
        {
            return Fail(CanonicalJsonErrorCode.NonFinite, literalStart, "NaN and Infinity are not JSON numbers", error);
        }

        var detail = error.Message;
        var suffix = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0)
        {
            detail = detail[..suffix];
        }

        return Fail(CanonicalJsonErrorCode.Syntax, position, $"invalid JSON ({detail.TrimEnd('.')})", error);
    }

    public static CanonicalJsonException Fail(CanonicalJsonErrorCode code, long position, string problem, Exception? inner = null) =>
        new(code, position, $"{problem} at byte {position}", jsonPath: null, inner);

    private static CanonicalJsonException LoneSurrogate(ReadOnlySpan<byte> body, long bodyStart, int escapeIndex) =>
        Fail(
            CanonicalJsonErrorCode.LoneSurrogate,
            bodyStart + escapeIndex,
            $"unpaired surrogate escape {Encoding.ASCII.GetString(body.Slice(escapeIndex, 6))}");

    private static long AbsolutePosition(ReadOnlySpan<byte> utf8, long line, long positionInLine)
    {
        var lineStart = 0;
        for (var seen = 0L; seen < line; seen++)
        {
            var next = utf8[lineStart..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            lineStart += next + 1;
        }

        return Math.Min(lineStart + positionInLine, utf8.Length);
    }

    /// <summary>Where a NaN/Infinity literal (optionally signed) begins at or just before the error; -1 if none does.</summary>
    private static long NonFiniteLiteralStart(ReadOnlySpan<byte> utf8, long position)
    {
        var start = (int)position;
        if (start > 0 && utf8[start - 1] is (byte)'-' or (byte)'+')
        {
            start--;
        }

        var rest = utf8[start..];
        if (rest.Length > 0 && rest[0] is (byte)'-' or (byte)'+')
        {
            rest = rest[1..];
        }

        return rest.StartsWith("NaN"u8) || rest.StartsWith("Infinity"u8) ? start : -1;
    }
}
