using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorTrust.Runtime.Cluster.Transport;

/// <summary>
/// The JSON form of batches and replies. Reading is strict: size checked before parsing, duplicate and unknown
/// members refused, depth bounded, every envelope field checked; anything else is a <see cref="FormatException"/>
/// that names the problem, and nothing of a refused batch runs.
/// </summary>
public static class DeliveryWire
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>The batch as UTF-8 JSON.</summary>
    public static byte[] EncodeBatch(DeliveryBatch batch) => JsonSerializer.SerializeToUtf8Bytes(batch, Options);

    /// <summary>The reply as UTF-8 JSON.</summary>
    public static byte[] EncodeReply(DeliveryReply reply) => JsonSerializer.SerializeToUtf8Bytes(reply, Options);

    /// <summary>Reads and checks a batch.</summary>
    /// <exception cref="FormatException">Oversized, malformed, or an envelope breaks a rule.</exception>
    public static DeliveryBatch DecodeBatch(ReadOnlySpan<byte> utf8, TransportLimits limits)
    {
        var batch = Read<DeliveryBatch>(utf8, limits, "batch");
        Check(batch.Envelopes.Count > 0, "a batch holds at least one envelope");
        Check(batch.Envelopes.Count <= limits.MaxBatchEnvelopes, $"a batch holds at most {limits.MaxBatchEnvelopes} envelopes, this one {batch.Envelopes.Count}");
        foreach (var envelope in batch.Envelopes)
        {
            Check(envelope is not null, "a batch's envelopes must be objects, not null");
            CheckEnvelope(envelope!, limits);
        }

        return batch;
    }

    /// <summary>Reads and checks a reply to a batch of <paramref name="expected"/> envelopes.</summary>
    /// <exception cref="FormatException">Oversized, malformed, or the wrong number of answers.</exception>
    public static DeliveryReply DecodeReply(ReadOnlySpan<byte> utf8, int expected, TransportLimits limits)
    {
        var reply = Read<DeliveryReply>(utf8, limits, "reply");
        Check(reply.Answers.Count == expected, $"a reply must hold {expected} answers, this one {reply.Answers.Count}");
        Check(reply.Answers.All(a => a is not null && !string.IsNullOrEmpty(a.MsgId)), "a reply's answers must be objects with a msg_id");
        return reply;
    }

    /// <summary>Throws when one envelope breaks a rule (also used by senders before anything leaves the node).</summary>
    /// <exception cref="FormatException">Which rule.</exception>
    public static void CheckEnvelope(ClusterEnvelope envelope, TransportLimits limits)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(limits);
        Check(!string.IsNullOrEmpty(envelope.MsgId) && envelope.MsgId.Length <= 100, "msg_id must be 1..100 characters");
        Check(NodeId.TryParse(envelope.FromNode, out _), $"from_node '{envelope.FromNode}' is not host:port:incarnation");
        Check(NodeId.TryParse(envelope.ToNode, out _), $"to_node '{envelope.ToNode}' is not host:port:incarnation");
        Check(!string.IsNullOrEmpty(envelope.Kind) && envelope.Kind.Length <= 100, "kind must be 1..100 characters");
        Check(envelope.Shard >= 0, "shard must not be negative");
        Check(!string.IsNullOrEmpty(envelope.EntityId) && envelope.EntityId.Length <= 1000, "entity_id must be 1..1000 characters");
        Check(!string.IsNullOrEmpty(envelope.CommandId) && envelope.CommandId.Length <= 200, "command_id must be 1..200 characters");
        Check(envelope.TimeLeft > TimeSpan.Zero, "time_left must be positive");
        Check(!string.IsNullOrEmpty(envelope.PayloadType) && envelope.PayloadType.Length <= 200, "payload_type must be 1..200 characters");
        Check(envelope.Payload.ValueKind == JsonValueKind.Object, "payload must be a JSON object");
        var size = envelope.Payload.GetRawText().Length;
        Check(size <= limits.MaxPayloadBytes, $"payload of {envelope.CommandId} is {size} bytes, over the {limits.MaxPayloadBytes}-byte limit");
    }

    private static T Read<T>(ReadOnlySpan<byte> utf8, TransportLimits limits, string what)
        where T : class
    {
        Check(utf8.Length <= limits.MaxBodyBytes, $"{what} of {utf8.Length} bytes is over the {limits.MaxBodyBytes}-byte limit");
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = limits.MaxDepth });
        try
        {
            return JsonSerializer.Deserialize<T>(ref reader, Options) ?? throw new FormatException($"a {what} cannot be null");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"malformed {what}: {ex.Message}", ex);
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new FormatException(message);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowDuplicateProperties = false,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
