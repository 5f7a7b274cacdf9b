using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorTrust.Core.Identity;

/// <summary>Reads and writes a <see cref="SpiffeId"/> as its JSON string; invalid IDs fail deserialisation.</summary>
public sealed class SpiffeIdJsonConverter : JsonConverter<SpiffeId>
{
    /// <inheritdoc />
    public override SpiffeId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"a SPIFFE ID must be a JSON string, got {reader.TokenType}");
        }

        return ParseOrThrow(reader.GetString());
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, SpiffeId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }

    /// <inheritdoc />
    public override SpiffeId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ParseOrThrow(reader.GetString());

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, SpiffeId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WritePropertyName(value.ToString());
    }

    private static SpiffeId ParseOrThrow(string? text) =>
        SpiffeId.TryParse(text, out var id, out var error) ? id : throw new JsonException($"invalid SPIFFE ID: {error}");
}
