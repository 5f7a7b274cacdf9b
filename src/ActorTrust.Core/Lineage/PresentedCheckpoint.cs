using System.Text;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;
using static ActorTrust.Core.Lineage.LineageRejectionCodes;

namespace ActorTrust.Core.Lineage;

/// <summary>
/// A checkpoint envelope whose signature verified under an executor key of the roster, read from exactly the
/// verified bytes: its digest, payload, canonical envelope text and the executors whose signatures verified.
/// </summary>
internal sealed record PresentedCheckpoint(Digest Digest, Checkpoint Checkpoint, string Envelope, IReadOnlyList<Digest> Signers)
{
    /// <summary>The executor responsible: the one the payload names if it signed, else the first that did.</summary>
    internal Digest Signer => Signers.Contains(Checkpoint.ExecutorKeyId) ? Checkpoint.ExecutorKeyId : Signers[0];

    internal OffendingCheckpoint AsEvidence() => new(Digest, Checkpoint, Envelope);

    /// <summary>Reads and authenticates <paramref name="text"/>: signatures first, then the payload type, then the payload.</summary>
    internal static PresentedCheckpoint? Read(string text, ExecutorRoster roster, out Rejection? refusal)
    {
        roster.TryKeys(out var keys, out _);
        return Read(text, keys, $"an executor of domain '{roster.DomainId}' version {roster.Version}", out refusal);
    }

    /// <summary>As <see cref="Read(string, ExecutorRoster, out Rejection?)"/>, against <paramref name="keys"/> (described as <paramref name="whose"/>).</summary>
    internal static PresentedCheckpoint? Read(string text, IReadOnlyList<Crypto.Ed25519PublicKey> keys, string whose, out Rejection? refusal)
    {
        refusal = null;
        Envelope envelope;
        try
        {
            envelope = EnvelopeJson.Parse(Encoding.UTF8.GetBytes(text));
        }
        catch (EnvelopeException ex)
        {
            refusal = new(CheckpointMalformed, ex.Message);
            return null;
        }

        var verdict = keys.Count == 0 ? null : EnvelopeVerifier.Verify(envelope, new TrustPolicy(keys, 1, [PayloadTypes.Checkpoint]));
        if (verdict is null || !verdict.IsVerified)
        {
            refusal = verdict?.Rejection == EnvelopeRejection.UnsupportedPayloadType
                ? new(PayloadTypeUnsupported, $"payload type '{envelope.PayloadType}' is not a checkpoint")
                : new(CheckpointSignatureInvalid, $"no signature verifies under {whose}");
            return null;
        }

        var checkpoint = SchemaDocument.Read<Checkpoint>(verdict.Payload, Checkpoint.SchemaV1, out var error);
        error ??= checkpoint?.Validate();
        if (checkpoint is null || error is not null)
        {
            refusal = new(CheckpointMalformed, error ?? "the checkpoint is unreadable");
            return null;
        }

        return new(Checkpoint.DigestOf(verdict.Payload), checkpoint, CheckpointSigning.ToText(envelope), [.. verdict.VerifiedKeyIds.Select(Digest.Parse)]);
    }
}
