using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorTrust.Core.Json;

/// <summary>
/// The strict reader behind <see cref="CanonicalJson.Parse"/>: <see cref="Utf8JsonReader"/> supplies the
/// RFC 8259 grammar (no comments, no trailing commas), and this class adds everything RFC 8785 and
/// I-JSON need on top: the input checks, unique member names, paired surrogates, the number policy and
/// the depth limit. It builds the tree iteratively, so deep input cannot exhaust the stack.
/// </summary>
internal static class CanonicalJsonReader
{
    public static JsonNode? Read(ReadOnlySpan<byte> utf8, CanonicalJsonReaderOptions options)
    {
        InputChecks.EnsureWithinSize(utf8, options.MaxBytes);
        InputChecks.EnsureNoByteOrderMark(utf8);
        InputChecks.EnsureValidUtf8(utf8);

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            // One more than ours, so that our own check (with its stable code) always fires first.
            MaxDepth = options.MaxDepth + 1,
        });

        try
        {
            var root = ReadValue(ref reader, options.MaxDepth, options.MaxItems);
            InputChecks.EnsureOnlyWhitespaceAfter(utf8, reader.BytesConsumed);
            return root;
        }
        catch (JsonException e)
        {
            throw InputChecks.FromReaderError(e, utf8);
        }
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader, int maxDepth, int maxItems)
    {
        var open = new Stack<JsonNode>();
        string? memberName = null;
        JsonNode? root = null;
        while (reader.Read())
        {
            JsonNode? node;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    if (open.Count + 1 > maxDepth)
                    {
                        throw InputChecks.Fail(CanonicalJsonErrorCode.TooDeep, reader.TokenStartIndex, $"nesting deeper than {maxDepth} levels");
                    }

                    node = reader.TokenType == JsonTokenType.StartObject ? new JsonObject() : new JsonArray();
                    EnsureRoom(open, maxItems, reader.TokenStartIndex);
                    Attach(open, ref memberName, node, ref root);
                    open.Push(node);
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    open.Pop();
                    if (open.Count == 0)
                    {
                        return root;
                    }

                    continue;
                case JsonTokenType.PropertyName:
                    memberName = ReadString(ref reader);
                    if (((JsonObject)open.Peek()).ContainsKey(memberName))
                    {
                        throw InputChecks.Fail(CanonicalJsonErrorCode.DuplicateKey, reader.TokenStartIndex, $"duplicate key {Quote(memberName)}");
                    }

                    continue;
                case JsonTokenType.String:
                    node = JsonValue.Create(ReadString(ref reader));
                    break;
                case JsonTokenType.Number:
                    if (CanonicalNumbers.TryRead(reader.ValueSpan, out var number) is { } rejection)
                    {
                        throw InputChecks.Fail(rejection.Code, reader.TokenStartIndex, rejection.Problem);
                    }

                    node = JsonValue.Create(number);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    node = JsonValue.Create(reader.TokenType == JsonTokenType.True);
                    break;
                default:
                    node = null;
                    break;
            }

            EnsureRoom(open, maxItems, reader.TokenStartIndex);
            Attach(open, ref memberName, node, ref root);
            if (open.Count == 0)
            {
                return root;
            }
        }

        // Utf8JsonReader reports empty or truncated input itself; this is only reached if it did not.
        throw InputChecks.Fail(CanonicalJsonErrorCode.Syntax, reader.BytesConsumed, "incomplete JSON");
    }

    private static void EnsureRoom(Stack<JsonNode> open, int maxItems, long position)
    {
        if (open.Count > 0 && open.Peek() switch { JsonObject o => o.Count, JsonArray a => a.Count, _ => 0 } >= maxItems)
        {
            throw InputChecks.Fail(CanonicalJsonErrorCode.TooManyItems, position, $"more than {maxItems} items in one array or object");
        }
    }

    private static void Attach(Stack<JsonNode> open, ref string? memberName, JsonNode? node, ref JsonNode? root)
    {
        if (open.Count == 0)
        {
            root = node;
        }
        else if (open.Peek() is JsonObject obj)
        {
            obj.Add(memberName!, node);
            memberName = null;
        }
        else
        {
            ((JsonArray)open.Peek()).Add(node);
        }
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            InputChecks.EnsurePairedSurrogateEscapes(reader.ValueSpan, reader.TokenStartIndex + 1);
        }

        return reader.GetString()!;
    }

    private static string Quote(string name)
    {
        var shown = name.Length <= 64 ? name : string.Concat(name.AsSpan(0, 64), "…");
        return JsonSerializer.Serialize(shown);
    }
}
