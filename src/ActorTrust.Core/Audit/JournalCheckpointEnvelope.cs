using ActorTrust.Core.Crypto;
using ActorTrust.Core.Envelopes;

namespace ActorTrust.Core.Audit;

/// <summary>
/// Signs journal checkpoints as DSSE envelopes of type <see cref="PayloadTypes.JournalCheckpoint"/> and verifies
/// them: signature by a trusted node key first, then a strict parse of exactly the signed bytes.
/// </summary>
public static class JournalCheckpointEnvelope
{
    /// <summary>Signs <paramref name="checkpoint"/>'s canonical bytes with the node key.</summary>
    public static Envelope Sign(JournalCheckpoint checkpoint, IEnvelopeSigner nodeSigner)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(nodeSigner);
        return Envelope.Sign(PayloadTypes.JournalCheckpoint, checkpoint.ToCanonicalBytes(), nodeSigner);
    }

    /// <summary>A policy that accepts a checkpoint signed by any one of <paramref name="trustedNodeKeys"/>; null when there are none.</summary>
    public static TrustPolicy? PolicyFor(IEnumerable<Ed25519PublicKey> trustedNodeKeys)
    {
        ArgumentNullException.ThrowIfNull(trustedNodeKeys);
        var keys = trustedNodeKeys.ToArray();
        return keys.Length == 0 ? null : new TrustPolicy(keys, 1, [PayloadTypes.JournalCheckpoint]);
    }

    /// <summary>
    /// Verifies <paramref name="envelope"/>: signed by <paramref name="policy"/>'s keys (a null policy trusts no
    /// key), of the journal-checkpoint type, holding a valid checkpoint whose root matches its heads.
    /// </summary>
    public static JournalCheckpointVerdict Verify(Envelope envelope, TrustPolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (policy is null)
        {
            return JournalCheckpointVerdict.Refused(JournalCheckpointRejection.UntrustedSignature, "no node key is trusted");
        }

        var verdict = EnvelopeVerifier.Verify(envelope, policy);
        if (!verdict.IsVerified)
        {
            var rejection = verdict.Rejection == EnvelopeRejection.UnsupportedPayloadType
                ? JournalCheckpointRejection.WrongPayloadType
                : JournalCheckpointRejection.UntrustedSignature;
            return JournalCheckpointVerdict.Refused(rejection, verdict.Reason ?? rejection.ToString(), verdict.VerifiedKeyIds);
        }

        try
        {
            return JournalCheckpointVerdict.Verified(JournalCheckpoint.Parse(verdict.Payload), verdict.VerifiedKeyIds);
        }
        catch (JournalCheckpointFormatException ex)
        {
            return JournalCheckpointVerdict.Refused(ex.Rejection, ex.Message, verdict.VerifiedKeyIds);
        }
    }
}
