namespace ActorTrust.Core.Keys;

/// <summary>Decodes lowercase hex straight from UTF-8 bytes, so secret values never become managed strings.</summary>
internal static class LowerHex
{
    /// <summary>Decodes exactly <c>destination.Length</c> bytes; returns null on success or the reason it failed.</summary>
    internal static string? TryDecode(ReadOnlySpan<byte> utf8Hex, Span<byte> destination, string field)
    {
        if (utf8Hex.Length != destination.Length * 2)
        {
            return $"{field} must be {destination.Length} bytes ({destination.Length * 2} lowercase hex characters), got {utf8Hex.Length} characters";
        }

        for (var i = 0; i < destination.Length; i++)
        {
            var high = Nibble(utf8Hex[2 * i]);
            var low = Nibble(utf8Hex[(2 * i) + 1]);
            if (high < 0 || low < 0)
            {
                return $"{field} must be lowercase hex";
            }

            destination[i] = (byte)((high << 4) | low);
        }

        return null;
    }

    private static int Nibble(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => -1,
    };
}
