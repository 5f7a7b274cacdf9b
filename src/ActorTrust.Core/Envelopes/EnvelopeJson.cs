using System.Text;
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
    public static byte[] Serialize(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
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
