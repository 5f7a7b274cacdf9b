namespace ActorTrust.Core.Crypto;

/// <summary>
/// Encoding checks libsodium does not report separately: canonical y and the eight small-order points.
/// Used only to name the reason a key is refused; the final verdict still comes from libsodium.
/// </summary>
internal static class SmallOrderPoints
{
    // The y coordinates (sign bit cleared) of the 8 points of order 1, 2, 4 and 8 on edwards25519.
    // With the sign bit either way they cover every small-order point.
    private static readonly byte[][] YCoordinates =
    [
        Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000"), // identity, order 1
        Convert.FromHexString("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), // y = -1, order 2
        Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000000"), // y = 0, order 4
        Convert.FromHexString("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"), // order 8
        Convert.FromHexString("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"), // order 8
    ];

    /// <summary>True when the 32-byte encoding, sign bit ignored, is the y of a small-order point.</summary>
    internal static bool IsSmallOrder(ReadOnlySpan<byte> encoded)
    {
        Span<byte> y = stackalloc byte[32];
        encoded.CopyTo(y);
        y[31] &= 0x7f;
        foreach (var candidate in YCoordinates)
        {
            if (y.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the encoded y (sign bit ignored) is below p = 2^255 − 19.</summary>
    internal static bool IsCanonicalY(ReadOnlySpan<byte> encoded)
    {
        // y ≥ p only when bytes 1..30 are all 0xff, byte 31 (sign cleared) is 0x7f and byte 0 ≥ 0xed.
        if ((encoded[31] & 0x7f) != 0x7f)
        {
            return true;
        }

        for (var i = 30; i > 0; i--)
        {
            if (encoded[i] != 0xff)
            {
                return true;
            }
        }

        return encoded[0] < 0xed;
    }
}
