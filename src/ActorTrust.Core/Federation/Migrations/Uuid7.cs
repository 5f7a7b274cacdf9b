namespace ActorTrust.Core.Federation.Migrations;

/// <summary>
/// UUIDv7 text as migrated ids must carry it (commitment 7: source identities are preserved, never remapped):
/// lowercase canonical 8-4-4-4-12 hex, version nibble 7, RFC 9562 variant (<c>10xx</c>).
/// </summary>
public static class Uuid7
{
    /// <summary>True when <paramref name="text"/> is a lowercase canonical UUIDv7.</summary>
    public static bool IsValid(string? text)
    {
        if (text is not { Length: 36 })
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = i is 8 or 13 or 18 or 23 ? c == '-' : char.IsAsciiDigit(c) || c is >= 'a' and <= 'f';
            if (!ok)
            {
                return false;
            }
        }

        return text[14] == '7' && text[19] is '8' or '9' or 'a' or 'b';
    }
}
