using System.Buffers;
using System.Text.Json;

namespace ActorTrust.Core.Json;

/// <summary>
/// Writes the canonical form of compact JSON that <see cref="JsonSerializer"/> has just produced, straight from its
/// bytes, without building a <see cref="System.Text.Json.Nodes.JsonNode"/> tree: members are sorted by name,
/// escaped strings are written again the RFC 8785 way, and everything else is copied. It only handles what it can
/// reproduce exactly — numbers already in their ECMAScript form, member names of plain ASCII-range text, no
/// duplicate names, moderate size and depth — and answers false otherwise, so that the caller takes the tree path
/// (<see cref="CanonicalJson.Serialize(System.Text.Json.Nodes.JsonNode?)"/>), which writes the same bytes or
/// refuses the value with its error.
/// </summary>
internal static class CanonicalTranscoder
{
    private const int MaxDepth = 32;
    private const int MaxMembers = 64;

    // Member names sort by UTF-16 code units; below lead byte 0xEE UTF-8 byte order agrees with that order.
    private const byte OrderSafeLimit = 0xEE;

    /// <summary>Returns the canonical bytes of <paramref name="json"/>, or null when the tree path must decide.</summary>
    public static byte[]? TryCanonicalize(ReadOnlySpan<byte> json)
    {
        var output = new ArrayBufferWriter<byte>(json.Length + 16);
        try
        {
            return Write(json, output, 0) ? output.WrittenSpan.ToArray() : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    // Writes the one JSON value that `json` holds (with nothing after it).
    private static bool Write(ReadOnlySpan<byte> json, ArrayBufferWriter<byte> output, int depth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth + 1 });
        if (!reader.Read())
        {
            return false;
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return depth < MaxDepth && WriteObject(json, ref reader, output, depth + 1);
            case JsonTokenType.StartArray:
                return depth < MaxDepth && WriteArray(json, ref reader, output, depth + 1);
            case JsonTokenType.String:
                return WriteString(ref reader, output);
            case JsonTokenType.Number:
                if (!CanonicalNumbers.IsCanonicalLiteral(reader.ValueSpan))
                {
                    return false;
                }

                output.Write(reader.ValueSpan);
                return true;
            case JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                output.Write(reader.ValueSpan);
                return true;
            default:
                return false;
        }
    }

    private static bool WriteArray(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, ArrayBufferWriter<byte> output, int depth)
    {
        output.Write("["u8);
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (!first)
            {
                output.Write(","u8);
            }

            first = false;
            if (!Write(json[start..(int)reader.BytesConsumed], output, depth))
            {
                return false;
            }
        }

        output.Write("]"u8);
        return true;
    }

    private static bool WriteObject(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, ArrayBufferWriter<byte> output, int depth)
    {
        Span<Member> members = stackalloc Member[MaxMembers];
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (count == MaxMembers || reader.ValueIsEscaped)
            {
                return false;
            }

            var nameStart = (int)reader.TokenStartIndex + 1;
            var nameLength = reader.ValueSpan.Length;
            if (reader.ValueSpan.IndexOfAnyInRange(OrderSafeLimit, byte.MaxValue) >= 0 || !reader.Read())
            {
                return false;
            }

            var valueStart = (int)reader.TokenStartIndex;
            reader.Skip();
            members[count++] = new Member(nameStart, nameLength, valueStart, (int)reader.BytesConsumed);
        }

        // Insertion sort by name bytes: objects are small, and equal names (never written by the serializer) refuse.
        for (var i = 1; i < count; i++)
        {
            var current = members[i];
            var j = i - 1;
            while (j >= 0 && Name(json, members[j]).SequenceCompareTo(Name(json, current)) > 0)
            {
                members[j + 1] = members[j];
                j--;
            }

            members[j + 1] = current;
        }

        output.Write("{"u8);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                if (Name(json, members[i - 1]).SequenceEqual(Name(json, members[i])))
                {
                    return false;
                }

                output.Write(","u8);
            }

            output.Write("\""u8);
            output.Write(Name(json, members[i]));
            output.Write("\":"u8);
            if (!Write(json[members[i].ValueStart..members[i].ValueEnd], output, depth))
            {
                return false;
            }
        }

        output.Write("}"u8);
        return true;
    }

    // An unescaped string is already canonical (it holds no quote, backslash or control character); an escaped
    // one is decoded and written again, unless it holds a lone surrogate, which the tree path refuses.
    private static bool WriteString(ref Utf8JsonReader reader, ArrayBufferWriter<byte> output)
    {
        if (!reader.ValueIsEscaped)
        {
            output.Write("\""u8);
            output.Write(reader.ValueSpan);
            output.Write("\""u8);
            return true;
        }

        return CanonicalStringWriter.Write(output, reader.GetString()) < 0;
    }

    private static ReadOnlySpan<byte> Name(ReadOnlySpan<byte> json, Member member) => json.Slice(member.NameStart, member.NameLength);

    private readonly record struct Member(int NameStart, int NameLength, int ValueStart, int ValueEnd);
}
