using System.Text;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Lineage;

/// <summary>Signs checkpoints with an executor's key, for executors' tooling (CLI) and tests.</summary>
public static class CheckpointSigning
{
    /// <summary>Writes <paramref name="checkpoint"/> as canonical JSON and signs it as a <see cref="PayloadTypes.Checkpoint"/> envelope.</summary>
    public static Envelope Sign(Checkpoint checkpoint, IEnvelopeSigner executor)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return Envelope.Sign(PayloadTypes.Checkpoint, ActorTrustJson.ToCanonicalBytes(checkpoint), executor);
    }

    /// <summary>Signs <paramref name="checkpoint"/> and returns the envelope as DSSE JSON text, ready for <see cref="CommitCheckpoint"/>.</summary>
    public static string SignToJson(Checkpoint checkpoint, IEnvelopeSigner executor) => ToText(Sign(checkpoint, executor));

    /// <summary>The digest <paramref name="checkpoint"/> will have once signed (of its canonical bytes).</summary>
    public static Hashing.Digest DigestOf(Checkpoint checkpoint) => Checkpoint.DigestOf(ActorTrustJson.ToCanonicalBytes(checkpoint));

    internal static string ToText(Envelope envelope) => Encoding.UTF8.GetString(EnvelopeJson.Serialize(envelope));
}
