using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace ActorTrust.Core.Json;

/// <summary>
/// A single forward pass that confirms, without building a tree, that input is canonical JSON the strict reader
/// accepts: no whitespace, members in strictly increasing order (so no duplicates), numbers exactly as
/// <see cref="EcmaScriptNumberFormatter"/> writes them, and the reader's size, byte-order-mark, UTF-8 and depth
/// checks. It answers only "certainly canonical" or "not sure": anything unusual — an escaped string, a member
/// name with characters where UTF-8 and UTF-16 order could differ, any refusal — returns false, and callers then
/// take the full path (<see cref="CanonicalJson.IsCanonical"/>), which gives the same answer and the exact error.
/// </summary>
internal static class CanonicalScan
{
    // Member names sort by UTF-16 code units. Bytes below 0xEE start code points below U+E000, where UTF-8 byte
    // order and UTF-16 code-unit order agree; a name with a larger lead byte is left to the full path.
    private const byte OrderSafeLimit = 0xEE;

    /// <summary>True only when <paramref name="utf8"/> is certainly canonical and within <paramref name="options"/>.</summary>
    public static bool IsCanonical(ReadOnlySpan<byte> utf8, CanonicalJsonReaderOptions options) =>
        Scan(utf8, options, out _, readSchema: false);

    /// <summary>
    /// True only when <paramref name="utf8"/> is certainly a canonical object whose top-level <c>schema</c> member
    /// is a string; <paramref name="schema"/> is that string.
    /// </summary>
    public static bool IsCanonicalObject(ReadOnlySpan<byte> utf8, CanonicalJsonReaderOptions options, [NotNullWhen(true)] out string? schema) =>
        Scan(utf8, options, out schema, readSchema: true) && schema is not null;

    private static bool Scan(ReadOnlySpan<byte> utf8, CanonicalJsonReaderOptions options, out string? schema, bool readSchema)
    {
        schema = null;
        if (utf8.Length == 0 || utf8.Length > options.MaxBytes || utf8.StartsWith("\uFEFF"u8) || !System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return false;
        }

        if (readSchema && utf8[0] != (byte)'{')
        {
            return false;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            MaxDepth = options.MaxDepth + 1,
        });

        // Per open container: where the previous member name of an object starts and how long it is (-1: none yet).
        Span<(int Start, int Length)> previousName = stackalloc (int, int)[Math.Min(options.MaxDepth, 64) + 1];
        var depth = 0;
        var end = 0;
        var previous = JsonTokenType.None;
        var schemaNext = false;
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                var start = checked((int)reader.TokenStartIndex);
                if (start - end != Separator(previous, token))
                {
                    return false;
                }

                switch (token)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (depth + 1 > options.MaxDepth || depth + 1 >= previousName.Length)
                        {
                            return false;
                        }

                        depth++;
                        previousName[depth] = (-1, 0);
                        end = start + 1;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        depth--;
                        end = start + 1;
                        break;
                    case JsonTokenType.PropertyName:
                        if (!OrderedName(utf8, ref reader, start, ref previousName[depth]))
                        {
                            return false;
                        }

                        schemaNext = readSchema && depth == 1 && reader.ValueSpan.SequenceEqual("schema"u8);
                        end = start + reader.ValueSpan.Length + 2;
                        break;
                    case JsonTokenType.String:
                        if (reader.ValueIsEscaped)
                        {
                            return false;
                        }

                        if (schemaNext)
                        {
                            schema = Encoding.UTF8.GetString(reader.ValueSpan);
                        }

                        end = start + reader.ValueSpan.Length + 2;
                        break;
                    case JsonTokenType.Number:
                        if (!CanonicalNumbers.IsCanonicalLiteral(reader.ValueSpan))
                        {
                            return false;
                        }

                        end = start + reader.ValueSpan.Length;
                        break;
                    default:
                        // true, false, null: the reader has matched the literal exactly.
                        end = start + reader.ValueSpan.Length;
                        break;
                }

                if (token != JsonTokenType.PropertyName)
                {
                    schemaNext = false;
                }

                previous = token;
                if (depth == 0)
                {
                    break;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return previous != JsonTokenType.None && depth == 0 && end == utf8.Length;
    }

    // The bytes between two tokens in compact JSON: a colon after a name, nothing after an opening bracket or
    // before a closing one, a comma between siblings, nothing before the first token.
    private static int Separator(JsonTokenType previous, JsonTokenType token) =>
        previous is JsonTokenType.None or JsonTokenType.StartObject or JsonTokenType.StartArray ? 0
        : token is JsonTokenType.EndObject or JsonTokenType.EndArray ? 0
        : 1;

    private static bool OrderedName(ReadOnlySpan<byte> utf8, ref Utf8JsonReader reader, int start, ref (int Start, int Length) previousName)
    {
        if (reader.ValueIsEscaped)
        {
            return false;
        }

        var name = reader.ValueSpan;
        foreach (var b in name)
        {
            if (b >= OrderSafeLimit)
            {
                return false;
            }
        }

        if (previousName.Start >= 0 && utf8.Slice(previousName.Start, previousName.Length).SequenceCompareTo(name) >= 0)
        {
            return false;
        }

        previousName = (start + 1, name.Length);
        return true;
    }
}
