using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorTrust.Core.Json;

/// <summary>Walks a <see cref="JsonNode"/> tree and writes its RFC 8785 canonical UTF-8 form.</summary>
internal sealed class CanonicalJsonWriter
{
    private readonly ArrayBufferWriter<byte> output = new(256);

    private CanonicalJsonWriter()
    {
    }

    /// <summary>Returns the canonical bytes of <paramref name="root"/>, or throws <see cref="CanonicalJsonException"/>.</summary>
    public static byte[] Write(JsonNode? root)
    {
        var writer = new CanonicalJsonWriter();
        writer.WriteNode(root, depth: 0);
        return writer.output.WrittenSpan.ToArray();
    }

    private void WriteNode(JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                WriteAscii("null"u8);
                break;
            case JsonObject obj:
                WriteObject(obj, EnterContainer(obj, depth));
                break;
            case JsonArray array:
                WriteArray(array, EnterContainer(array, depth));
                break;
            case JsonValue value:
                WriteValue(value, depth);
                break;
        }
    }

    private int EnterContainer(JsonNode container, int depth)
    {
        if (depth + 1 > CanonicalJsonReaderOptions.MaxSupportedDepth)
        {
            throw Fail(container, CanonicalJsonErrorCode.TooDeep, $"nesting deeper than {CanonicalJsonReaderOptions.MaxSupportedDepth} levels");
        }

        return depth + 1;
    }

    private void WriteObject(JsonObject obj, int depth)
    {
        var members = obj.ToArray();
        Array.Sort(members, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        WriteAscii("{"u8);
        for (var i = 0; i < members.Length; i++)
        {
            if (i > 0)
            {
                WriteAscii(","u8);
            }

            WriteString(members[i].Value ?? obj, members[i].Key);
            WriteAscii(":"u8);
            WriteNode(members[i].Value, depth);
        }

        WriteAscii("}"u8);
    }

    private void WriteArray(JsonArray array, int depth)
    {
        WriteAscii("["u8);
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
            {
                WriteAscii(","u8);
            }

            WriteNode(array[i], depth);
        }

        WriteAscii("]"u8);
    }

    private void WriteValue(JsonValue value, int depth)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.Null:
                WriteAscii("null"u8);
                break;
            case JsonValueKind.True:
                WriteAscii("true"u8);
                break;
            case JsonValueKind.False:
                WriteAscii("false"u8);
                break;
            case JsonValueKind.Number:
                if (CanonicalNumbers.TryConvert(value, out var number) is { } rejection)
                {
                    throw Fail(value, rejection.Code, rejection.Problem);
                }

                WriteAscii(System.Text.Encoding.ASCII.GetBytes(EcmaScriptNumberFormatter.Format(number)));
                break;
            case JsonValueKind.String:
                WriteString(value, ReadString(value));
                break;
            default:
                // A JsonValue wrapping a CLR object that serializes as an object or array.
                WriteNode(JsonNode.Parse(value.ToJsonString()), depth);
                break;
        }
    }

    private string ReadString(JsonValue value)
    {
        try
        {
            return value.TryGetValue<string>(out var text)
                ? text
                : JsonSerializer.Deserialize<string>(value.ToJsonString()) ?? string.Empty;
        }
        catch (InvalidOperationException e)
        {
            throw Fail(value, CanonicalJsonErrorCode.LoneSurrogate, "string holds an unpaired surrogate escape", e);
        }
    }

    private void WriteString(JsonNode owner, string text)
    {
        var start = output.WrittenCount;
        var lone = CanonicalStringWriter.Write(output, text);
        if (lone >= 0)
        {
            throw new CanonicalJsonException(
                CanonicalJsonErrorCode.LoneSurrogate,
                start,
                $"unpaired surrogate U+{(int)text[lone]:X4} at index {lone} of a string at {owner.GetPath()} (output byte {start})",
                owner.GetPath());
        }
    }

    private void WriteAscii(ReadOnlySpan<byte> ascii) => output.Write(ascii);

    private CanonicalJsonException Fail(JsonNode node, CanonicalJsonErrorCode code, string problem, Exception? inner = null)
    {
        var path = node.GetPath();
        var position = output.WrittenCount;
        return new CanonicalJsonException(code, position, $"{problem} at {path} (output byte {position})", path, inner);
    }
}
