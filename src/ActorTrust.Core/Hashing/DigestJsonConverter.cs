using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorTrust.Core.Hashing;

/// <summary>Reads and writes a <see cref="Digest"/> as its <c>sha256:&lt;hex&gt;</c> string, refusing malformed text.</summary>
public sealed class DigestJsonConverter : JsonConverter<Digest>
{
    /// <inheritdoc />
    public override Digest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("a digest must be a string of the form sha256:<64 lowercase hex>");
        }

        return Digest.TryParse(reader.GetString(), out var digest, out var error) ? digest : throw new JsonException(error);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Digest value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
