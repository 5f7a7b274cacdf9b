using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Envelopes;

/// <summary>
/// Reads and writes the DSSE JSON envelope <c>{"payload","payloadType","signatures":[{"keyid","sig"}]}</c>.
/// Reading is strict (duplicate members, unknown members, bad base64 and oversize input are refused) and
/// keeps the payload as the exact decoded bytes; nothing is re-serialised before verification.
/// </summary>
public static class EnvelopeJson
{
    /// <summary>Writes the envelope as canonical JSON (standard base64 with padding).</summary>
    /// <remarks>
    /// The envelope's canonical form has a fixed shape (members <c>payload</c>, <c>payloadType</c>, <c>signatures</c>
    /// and per signature <c>keyid</c>, <c>sig</c>, already in RFC 8785 order), so it is written straight to bytes.
    /// A string that cannot be written (an unpaired surrogate) takes the general writer, which refuses it.
    /// </remarks>
    /// <exception cref="CanonicalJsonException">The payload type or a key id holds an unpaired surrogate.</exception>
    public static byte[] Serialize(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var output = new ArrayBufferWriter<byte>(64 + Base64.GetMaxEncodedToUtf8Length(envelope.Payload.Length) + (envelope.Signatures.Count * 180));
        output.Write("{\"payload\":"u8);
        WriteBase64(output, envelope.Payload);
        output.Write(",\"payloadType\":"u8);
        if (CanonicalStringWriter.Write(output, envelope.PayloadType) >= 0)
        {
            return SerializeTree(envelope);
        }

        output.Write(",\"signatures\":["u8);
        for (var i = 0; i < envelope.Signatures.Count; i++)
        {
            var signature = envelope.Signatures[i];
            output.Write(i == 0 ? "{"u8 : ",{"u8);
            if (signature.KeyId is not null)
            {
                output.Write("\"keyid\":"u8);
                if (CanonicalStringWriter.Write(output, signature.KeyId) >= 0)
                {
                    return SerializeTree(envelope);
                }

                output.Write(","u8);
            }

            output.Write("\"sig\":"u8);
            WriteBase64(output, signature.Signature);
            output.Write("}"u8);
        }

        output.Write("]}"u8);
        return output.WrittenSpan.ToArray();
    }

    // Standard base64 with padding, as Base64Either.Encode writes it; its alphabet needs no JSON escape.
    private static void WriteBase64(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        var length = Base64.GetMaxEncodedToUtf8Length(bytes.Length);
        var span = output.GetSpan(length + 2);
        span[0] = (byte)'"';
        Base64.EncodeToUtf8(bytes, span[1..], out _, out var written);
        span[written + 1] = (byte)'"';
        output.Advance(written + 2);
    }

    // The general path through a JSON tree: it produces the same bytes, and the canonical writer's refusals.
    private static byte[] SerializeTree(Envelope envelope)
    {
        var signatures = new JsonArray();
        foreach (var signature in envelope.Signatures)
        {
            var entry = new JsonObject();
            if (signature.KeyId is not null)
            {
                entry["keyid"] = signature.KeyId;
            }

            entry["sig"] = Base64Either.Encode(signature.Signature);
            signatures.Add(entry);
        }

        var document = new JsonObject
        {
            ["payload"] = Base64Either.Encode(envelope.Payload),
            ["payloadType"] = envelope.PayloadType,
            ["signatures"] = signatures,
        };
        return CanonicalJson.Serialize(document);
    }

    /// <summary>Reads an envelope from untrusted bytes.</summary>
    /// <exception cref="EnvelopeException">The document is malformed or breaks a limit; nothing is returned.</exception>
    public static Envelope Parse(ReadOnlySpan<byte> utf8, EnvelopeLimits? limits = null)
    {
        limits ??= EnvelopeLimits.Default;
        if (utf8.Length > limits.MaxEnvelopeBytes)
        {
            throw new EnvelopeException(EnvelopeFormatError.TooLarge,
                $"document is {utf8.Length} bytes; the limit is {limits.MaxEnvelopeBytes}");
        }

        if (TryParsePlain(utf8, limits) is { } plain)
        {
            return plain;
        }

        JsonNode? root;
        try
        {
            root = CanonicalJson.Parse(utf8, new CanonicalJsonReaderOptions { MaxDepth = 8, MaxBytes = limits.MaxEnvelopeBytes });
        }
        catch (CanonicalJsonException ex)
        {
            throw new EnvelopeException(EnvelopeFormatError.MalformedJson, ex.Message, ex);
        }

        if (root is not JsonObject obj)
        {
            throw Invalid("the document must be a JSON object");
        }

        RefuseUnknown(obj, "envelope", "payload", "payloadType", "signatures");
        var payloadType = RequiredString(obj, "payloadType");
        if (Encoding.UTF8.GetByteCount(payloadType) > limits.MaxPayloadTypeBytes)
        {
            throw new EnvelopeException(EnvelopeFormatError.TooLarge, $"payloadType is longer than {limits.MaxPayloadTypeBytes} bytes");
        }

        var payload = Decode(RequiredString(obj, "payload"), "payload");
        if (payload.Length > limits.MaxPayloadBytes)
        {
            throw new EnvelopeException(EnvelopeFormatError.TooLarge,
                $"payload is {payload.Length} bytes; the limit is {limits.MaxPayloadBytes}");
        }

        return new Envelope(payloadType, payload, ReadSignatures(obj, limits));
    }

    // The usual envelope, read in one pass without a tree: exactly the three members once each, unescaped strings,
    // signatures with keyid and sig once each, valid base64 within the limits. Anything else — including every
    // input the full path refuses — returns null, and the full path then reads it (and names the error).
    private static Envelope? TryParsePlain(ReadOnlySpan<byte> utf8, EnvelopeLimits limits)
    {
        if (utf8.StartsWith("\uFEFF"u8) || !System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return null;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = 8 });
        string? payload = null;
        string? payloadType = null;
        List<EnvelopeSignature>? signatures = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName && !reader.ValueIsEscaped)
            {
                var name = reader.ValueSpan;
                var known = name.SequenceEqual("payload"u8) && payload is null ? PlainString(ref reader, out payload)
                    : name.SequenceEqual("payloadType"u8) && payloadType is null ? PlainString(ref reader, out payloadType)
                    : name.SequenceEqual("signatures"u8) && signatures is null && PlainSignatures(ref reader, limits, out signatures);
                if (!known)
                {
                    return null;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return null;
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return payload is not null && payloadType is not null && signatures is not null
            && Encoding.UTF8.GetByteCount(payloadType) <= limits.MaxPayloadTypeBytes
            && Base64Either.TryDecode(payload, out var bytes, out _) && bytes.Length <= limits.MaxPayloadBytes
                ? new Envelope(payloadType, bytes, signatures)
                : null;
    }

    private static bool PlainString(ref Utf8JsonReader reader, [NotNullWhen(true)] out string? value)
    {
        value = reader.Read() && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
            ? Encoding.UTF8.GetString(reader.ValueSpan)
            : null;
        return value is not null;
    }

    private static bool PlainSignatures(ref Utf8JsonReader reader, EnvelopeLimits limits, [NotNullWhen(true)] out List<EnvelopeSignature>? signatures)
    {
        signatures = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var read = new List<EnvelopeSignature>(1);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? keyId = null;
            string? sig = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName && !reader.ValueIsEscaped)
            {
                var name = reader.ValueSpan;
                var known = name.SequenceEqual("keyid"u8) && keyId is null ? PlainString(ref reader, out keyId)
                    : name.SequenceEqual("sig"u8) && sig is null && PlainString(ref reader, out sig);
                if (!known)
                {
                    return false;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || sig is null || !Base64Either.TryDecode(sig, out var bytes, out _))
            {
                return false;
            }

            read.Add(new EnvelopeSignature(string.IsNullOrEmpty(keyId) ? null : keyId, bytes));
        }

        if (reader.TokenType != JsonTokenType.EndArray || read.Count == 0 || read.Count > limits.MaxSignatures)
        {
            return false;
        }

        signatures = read;
        return true;
    }

    private static List<EnvelopeSignature> ReadSignatures(JsonObject obj, EnvelopeLimits limits)
    {
        if (obj["signatures"] is not JsonArray array)
        {
            throw Invalid("'signatures' must be an array");
        }

        if (array.Count == 0)
        {
            throw new EnvelopeException(EnvelopeFormatError.NoSignatures, "'signatures' is empty");
        }

        if (array.Count > limits.MaxSignatures)
        {
            throw new EnvelopeException(EnvelopeFormatError.TooLarge,
                $"{array.Count} signatures; the limit is {limits.MaxSignatures}");
        }

        var signatures = new List<EnvelopeSignature>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject entry)
            {
                throw Invalid($"signatures[{i}] must be an object");
            }

            RefuseUnknown(entry, $"signatures[{i}]", "keyid", "sig");
            string? keyId = null;
            if (entry.ContainsKey("keyid"))
            {
                keyId = RequiredString(entry, "keyid", $"signatures[{i}].keyid");
            }

            var sig = Decode(RequiredString(entry, "sig", $"signatures[{i}].sig"), $"signatures[{i}].sig");
            signatures.Add(new EnvelopeSignature(string.IsNullOrEmpty(keyId) ? null : keyId, sig));
        }

        return signatures;
    }

    private static void RefuseUnknown(JsonObject obj, string where, params string[] allowed)
    {
        foreach (var (name, _) in obj)
        {
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw new EnvelopeException(EnvelopeFormatError.UnknownMember, $"unknown member '{name}' in {where}");
            }
        }
    }

    private static string RequiredString(JsonObject obj, string name, string? path = null)
    {
        var node = obj[name];
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }

        throw Invalid($"'{path ?? name}' must be a string");
    }

    private static byte[] Decode(string text, string what) =>
        Base64Either.TryDecode(text, out var bytes, out var error)
            ? bytes
            : throw new EnvelopeException(EnvelopeFormatError.InvalidBase64, $"'{what}': {error}");

    private static EnvelopeException Invalid(string message) => new(EnvelopeFormatError.MissingOrInvalidMember, message);
}
