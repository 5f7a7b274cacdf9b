using System.Text;
using System.Text.Json.Nodes;
using ActorTrust.Core.Json;
using ActorTrust.Node.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ActorTrust.Node.Api;

/// <summary>A request went over one of the <c>actortrust.limits</c> (or <c>actortrust.node</c>) bounds; answered 400 or 413, naming the setting.</summary>
internal sealed class InputLimitException(string setting, string detail, bool tooLarge = false) : Exception($"{detail} (the limit is {setting})")
{
    public string Setting { get; } = setting;

    public int Status { get; } = tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
}

/// <summary>
/// Reads request bodies under <see cref="InputLimits"/>: bounded buffering, the strict reader's depth, size and item bounds,
/// the <c>command_id</c> length and the shape bounds of any DSSE envelope the body carries (<c>envelope</c>, <c>claims</c>,
/// <c>manifest</c>), all before a command is built.
/// </summary>
internal static class BodyLimits
{
    private static readonly string[] EnvelopeMembers = ["envelope", "claims", "manifest", "receipt", "authorization"];

    // Free text bounded by actortrust.limits.text.max-reason-length, wherever it appears in a body.
    private static readonly HashSet<string> ReasonMembers = new(StringComparer.Ordinal) { "reason", "description", "message" };

    // Name-like text bounded by actortrust.limits.text.max-name-length.
    private static readonly HashSet<string> NameMembers = new(StringComparer.Ordinal)
    {
        "operator", "operator_id", "operator_key_id", "key_id", "operator_contact", "jurisdiction", "data_residency",
        "platform_version", "last_known_good_release_tag", "remote_subject", "tool", "data_class", "peer_node_id", "relay_id", "session_tag",
    };

    public static InputLimits Of(HttpRequest request) => request.HttpContext.RequestServices.GetRequiredService<InputLimits>();

    /// <summary>Reads and parses the body; <c>null</c> when it is empty.</summary>
    public static async Task<JsonNode?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limits = Of(request);
        var bytes = await ReadBytesAsync(request.Body, limits.JsonMaxBytes, cancellationToken);
        if (bytes.Length == 0)
        {
            return null;
        }

        JsonNode? node;
        try
        {
            node = CanonicalJson.Parse(bytes, limits.JsonReader);
        }
        catch (CanonicalJsonException e) when (e.Code is CanonicalJsonErrorCode.TooDeep)
        {
            throw new InputLimitException("actortrust.limits.json.max-depth", $"the request body nests deeper than {limits.JsonMaxDepth} levels");
        }
        catch (CanonicalJsonException e) when (e.Code is CanonicalJsonErrorCode.TooManyItems)
        {
            throw new InputLimitException("actortrust.limits.json.max-items", $"an array or object in the request body holds more than {limits.JsonMaxItems} items");
        }

        if (node is JsonObject body)
        {
            CheckCommandId(body, limits);
            CheckText(body, limits);
            foreach (var member in EnvelopeMembers)
            {
                if (body[member] is JsonObject envelope)
                {
                    CheckEnvelope(envelope, limits, member);
                }
            }
        }

        return node;
    }

    /// <summary>A page size from a <c>limit</c> query parameter: absent → <paramref name="fallback"/>, over the maximum → refused.</summary>
    public static int PageSize(int? limit, int fallback, int maxPageSize) => limit switch
    {
        null => Math.Min(fallback, maxPageSize),
        < 1 => throw new FormatException($"limit must be at least 1, got {limit}"),
        _ when limit > maxPageSize => throw new InputLimitException("actortrust.node.max-page-size", $"limit {limit} is over the page size of {maxPageSize}"),
        _ => limit.Value,
    };

    private static void CheckCommandId(JsonObject body, InputLimits limits)
    {
        if (body["command_id"] is JsonValue value && value.TryGetValue<string>(out var id) && id.Length > limits.MaxCommandIdLength)
        {
            throw new InputLimitException("actortrust.limits.ids.max-command-id-length", $"command_id is {id.Length} characters, over {limits.MaxCommandIdLength}");
        }
    }

    // Every string of the body outside its signed envelopes (bounded by actortrust.limits.envelope.*) is bounded by the
    // category of the member holding it (array elements by their array's member); the top-level 'text' is a contract.
    private static void CheckText(JsonObject body, InputLimits limits)
    {
        foreach (var (name, value) in body)
        {
            if (name == "command_id" || Array.IndexOf(EnvelopeMembers, name) >= 0)
            {
                continue;
            }

            if (name == "text" && value is JsonValue text && text.TryGetValue<string>(out var contract))
            {
                var bytes = Encoding.UTF8.GetByteCount(contract);
                if (bytes > limits.MaxContractTextBytes)
                {
                    throw new InputLimitException("actortrust.limits.text.max-contract-text-bytes", $"'text' is {bytes} bytes, over {limits.MaxContractTextBytes}", tooLarge: true);
                }

                continue;
            }

            CheckStrings(value, name, limits);
        }
    }

    private static void CheckStrings(JsonNode? node, string member, InputLimits limits)
    {
        switch (node)
        {
            case JsonObject children:
                foreach (var (name, child) in children)
                {
                    CheckStrings(child, name, limits);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    CheckStrings(item, member, limits);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                var (setting, max) = ReasonMembers.Contains(member) ? ("actortrust.limits.text.max-reason-length", limits.MaxReasonLength)
                    : NameMembers.Contains(member) ? ("actortrust.limits.text.max-name-length", limits.MaxNameLength)
                    : ("actortrust.limits.text.max-string-length", limits.MaxStringLength);
                if (text.Length > max)
                {
                    throw new InputLimitException(setting, $"'{member}' is {text.Length} characters, over {max}");
                }

                break;
        }
    }

    private static void CheckEnvelope(JsonObject envelope, InputLimits limits, string member)
    {
        var bounds = limits.Envelope;
        var size = Encoding.UTF8.GetByteCount(envelope.ToJsonString());
        if (size > bounds.MaxEnvelopeBytes)
        {
            throw new InputLimitException("actortrust.limits.envelope.max-envelope-bytes", $"'{member}' is {size} bytes, over {bounds.MaxEnvelopeBytes}", tooLarge: true);
        }

        if (envelope["signatures"] is JsonArray signatures && signatures.Count > bounds.MaxSignatures)
        {
            throw new InputLimitException("actortrust.limits.envelope.max-signatures", $"'{member}' carries {signatures.Count} signatures, over {bounds.MaxSignatures}");
        }

        if (envelope["payloadType"] is JsonValue type && type.TryGetValue<string>(out var payloadType) && Encoding.UTF8.GetByteCount(payloadType) > bounds.MaxPayloadTypeBytes)
        {
            throw new InputLimitException("actortrust.limits.envelope.max-payload-type-bytes", $"the payloadType of '{member}' is over {bounds.MaxPayloadTypeBytes} bytes");
        }

        if (envelope["payload"] is JsonValue payload && payload.TryGetValue<string>(out var base64) && DecodedLength(base64) > bounds.MaxPayloadBytes)
        {
            throw new InputLimitException("actortrust.limits.envelope.max-payload-bytes", $"the payload of '{member}' is {DecodedLength(base64)} bytes, over {bounds.MaxPayloadBytes}", tooLarge: true);
        }
    }

    // The length base64 text decodes to (padding excluded); malformed text is left to the envelope parser.
    private static long DecodedLength(string base64)
    {
        var padding = base64.EndsWith("==", StringComparison.Ordinal) ? 2 : base64.EndsWith('=') ? 1 : 0;
        return (base64.Length * 3L / 4) - padding;
    }

    private static async Task<byte[]> ReadBytesAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new InputLimitException("actortrust.limits.json.max-bytes", $"the request body is over {maxBytes} bytes", tooLarge: true);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
