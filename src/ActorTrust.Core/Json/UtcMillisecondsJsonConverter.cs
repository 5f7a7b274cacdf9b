using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorTrust.Core.Json;

/// <summary>
/// Reads and writes a timestamp as UTC with exactly millisecond precision, <c>2026-11-21T23:23:15.123Z</c>:
/// one text per instant, so it is stable inside signed and hashed documents. Reading accepts only that form;
/// writing refuses a value with sub-millisecond ticks rather than silently dropping them.
/// </summary>
public sealed class UtcMillisecondsJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>The one accepted layout.</summary>
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Formats <paramref name="value"/> in UTC (throws when it is finer than a millisecond).</summary>
    public static string ToText(DateTimeOffset value)
    {
        if (value.UtcTicks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException($"timestamp {value:O} is finer than a millisecond; truncate it first", nameof(value));
        }

        return value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
    }

    /// <summary>Parses the exact layout; on failure <paramref name="value"/> is default and false is returned.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (!DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
        {
            return false;
        }

        value = new DateTimeOffset(utc, TimeSpan.Zero);
        return true;
    }

    /// <summary>Drops everything finer than a millisecond and moves to UTC.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && TryParse(reader.GetString(), out var value))
        {
            return value;
        }

        throw new JsonException("a timestamp must be a UTC string of the form yyyy-MM-ddTHH:mm:ss.fffZ");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(ToText(value));
    }
}
