using System.Buffers;

namespace ActorTrust.Core.Envelopes;

/// <summary>
/// Decodes base64 in either the standard or the URL-safe alphabet, padded or not. Whitespace and a
/// mix of both alphabets are refused, so one byte string has exactly one accepted spelling per alphabet.
/// </summary>
public static class Base64Either
{
    private static readonly SearchValues<char> StandardAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    /// <summary>Decodes <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryDecode(string text, out byte[] bytes, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        bytes = [];
        var urlSafe = text.AsSpan().IndexOfAny('-', '_') >= 0;
        var standard = text.AsSpan().IndexOfAny('+', '/') >= 0;
        if (urlSafe && standard)
        {
            error = "base64 mixes the standard and URL-safe alphabets";
            return false;
        }

        var unpadded = text.AsSpan().TrimEnd('=');
        if (text.Length - unpadded.Length > 2 || unpadded.Length % 4 == 1)
        {
            error = "base64 has an invalid length or padding";
            return false;
        }

        if (text.Length != unpadded.Length && text.Length % 4 != 0)
        {
            error = "base64 padding is incomplete";
            return false;
        }

        if (text.Length % 4 == 0 && unpadded.IndexOfAnyExcept(StandardAlphabet) < 0)
        {
            // Already standard and padded: decode the text as it is.
            return Decoded(text, out bytes, out error);
        }

        var buffer = new char[(unpadded.Length + 3) / 4 * 4];
        for (var i = 0; i < unpadded.Length; i++)
        {
            var c = unpadded[i];
            if (!IsAlphabet(c))
            {
                error = $"invalid base64 character at position {i}";
                return false;
            }

            buffer[i] = c switch { '-' => '+', '_' => '/', _ => c };
        }

        buffer.AsSpan(unpadded.Length).Fill('=');
        return Decoded(buffer, out bytes, out error);
    }

    /// <summary>Encodes with the standard alphabet and padding (the form ActorTrust writes).</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes);

    private static bool Decoded(ReadOnlySpan<char> standard, out byte[] bytes, out string? error)
    {
        var decoded = new byte[standard.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(standard, decoded, out var written))
        {
            bytes = [];
            error = "base64 is malformed";
            return false;
        }

        bytes = written == decoded.Length ? decoded : decoded[..written];
        error = null;
        return true;
    }

    private static bool IsAlphabet(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/' or '-' or '_';
}
