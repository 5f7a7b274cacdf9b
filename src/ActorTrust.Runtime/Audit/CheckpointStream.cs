using System.Text.Json.Nodes;
using ActorTrust.Core.Audit;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;

namespace ActorTrust.Runtime.Audit;

/// <summary>
/// Where signed journal checkpoints are kept: as events of the stream <c>audit|checkpoints</c>, each of type
/// <c>audit.checkpoint.v1</c> with the payload <c>{"envelope": &lt;DSSE envelope JSON&gt;}</c>, hash-chained like
/// every other stream.
/// </summary>
public static class CheckpointStream
{
    /// <summary>The stream holding the checkpoints; it is never itself one of a checkpoint's heads.</summary>
    public const string PersistenceId = "audit|checkpoints";

    /// <summary>The event type of a stored checkpoint.</summary>
    public const string EventType = "audit.checkpoint.v1";

    // A checkpoint lists every stream, so its envelope may be far larger than the general envelope limits allow.
    private static readonly EnvelopeLimits Limits = new()
    {
        MaxPayloadBytes = JournalCheckpoint.MaxPayloadBytes,
        MaxEnvelopeBytes = (JournalCheckpoint.MaxPayloadBytes / 3 * 4) + (1024 * 1024),
    };

    private static readonly CanonicalJsonReaderOptions ReaderLimits = new() { MaxBytes = Limits.MaxEnvelopeBytes + 64 };

    /// <summary>The event payload for <paramref name="envelope"/> (canonical JSON).</summary>
    public static byte[] EncodePayload(Envelope envelope)
    {
        var envelopeJson = CanonicalJson.Parse(EnvelopeJson.Serialize(envelope));
        return CanonicalJson.Serialize(new JsonObject { ["envelope"] = envelopeJson });
    }

    /// <summary>Reads the envelope back out of an event payload (untrusted until verified).</summary>
    /// <exception cref="FormatException">The payload is not <c>{"envelope": {...}}</c> holding a well-formed envelope.</exception>
    public static Envelope DecodePayload(ReadOnlySpan<byte> payload)
    {
        try
        {
            if (CanonicalJson.Parse(payload, ReaderLimits) is not JsonObject { Count: 1 } root || root["envelope"] is not JsonObject envelope)
            {
                throw new FormatException("a checkpoint event payload must be {\"envelope\": {...}} and nothing else");
            }

            return EnvelopeJson.Parse(CanonicalJson.Serialize(envelope), Limits);
        }
        catch (Exception ex) when (ex is CanonicalJsonException or EnvelopeException)
        {
            throw new FormatException($"checkpoint event payload: {ex.Message}", ex);
        }
    }
}
