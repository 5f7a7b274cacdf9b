using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ActorTrust.Core.Json;

/// <summary>
/// The one <see cref="JsonSerializerOptions"/> ActorTrust uses for its documents, events and API bodies:
/// snake_case member names, unknown members refused, absent optionals omitted (so they are absent from
/// signature pre-images too), enums as snake_case strings.
/// </summary>
public static class ActorTrustJson
{
    /// <summary>The shared, read-only options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Serialises <paramref name="value"/> to canonical (RFC 8785) bytes with <see cref="Options"/>.</summary>
    public static byte[] ToCanonicalBytes<T>(T value) => CanonicalJson.Serialize(value, Options);

    /// <summary>
    /// Reads <typeparamref name="T"/> from untrusted bytes: the strict reader first (duplicate keys, lone
    /// surrogates, unsafe integers, depth and size are refused), then binding with unknown members refused.
    /// </summary>
    /// <exception cref="FormatException">The bytes are not a valid <typeparamref name="T"/>; the message says why.</exception>
    public static T Read<T>(ReadOnlySpan<byte> utf8, CanonicalJsonReaderOptions? limits = null) => Read<T>(CanonicalJson.Parse(utf8, limits));

    /// <summary>
    /// Binds <typeparamref name="T"/> from a tree the strict reader produced: unknown members refused, and no array
    /// may hold <c>null</c> (binding does not check collection elements against nullable annotations, so a
    /// <c>[null]</c> would otherwise reach code that trusts the element type).
    /// </summary>
    /// <exception cref="FormatException">The tree is not a valid <typeparamref name="T"/>; the message says why.</exception>
    public static T Read<T>(JsonNode? node)
    {
        if (NullElementPath(node) is { } path)
        {
            throw new FormatException($"invalid {typeof(T).Name} document at {path}: arrays may not contain null");
        }

        try
        {
            return node.Deserialize<T>(Options) ?? throw new FormatException($"a {typeof(T).Name} document cannot be null");
        }
        catch (JsonException ex)
        {
            throw new FormatException(Describe(ex, typeof(T)), ex);
        }
    }

    /// <summary>
    /// Binds <typeparamref name="T"/> from bytes the strict reader has already accepted (for example a payload
    /// checked to be canonical), without building a tree again; unknown members are still refused.
    /// </summary>
    /// <exception cref="FormatException">The bytes are not a valid <typeparamref name="T"/>; the message says why.</exception>
    internal static T Bind<T>(ReadOnlySpan<byte> strictlyReadUtf8)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(strictlyReadUtf8, Options) ?? throw new FormatException($"a {typeof(T).Name} document cannot be null");
        }
        catch (JsonException ex)
        {
            throw new FormatException(Describe(ex, typeof(T)), ex);
        }
    }

    private static string? NullElementPath(JsonNode? root)
    {
        var pending = new Stack<JsonNode>();
        if (root is not null)
        {
            pending.Push(root);
        }

        while (pending.TryPop(out var node))
        {
            var children = node switch
            {
                JsonObject obj => obj.Select(m => m.Value),
                JsonArray array => array,
                _ => [],
            };
            foreach (var child in children)
            {
                if (child is null)
                {
                    if (node is JsonArray)
                    {
                        return node.GetPath();
                    }

                    continue;
                }

                pending.Push(child);
            }
        }

        return null;
    }

    private static string Describe(JsonException ex, Type type)
    {
        var where = string.IsNullOrEmpty(ex.Path) ? string.Empty : $" at {ex.Path}";
        return $"invalid {type.Name} document{where}: {ex.Message.Split(". Path:")[0]}";
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
