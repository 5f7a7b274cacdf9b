namespace ActorTrust.Core.Envelopes;

/// <summary>
/// Verifies DSSE envelopes: signatures over the PAE first, counting each distinct trusted key once against
/// the threshold; only then is the payload type checked; the caller then parses exactly the verified bytes.
/// </summary>
public static class EnvelopeVerifier
{
    /// <summary>Verifies <paramref name="envelope"/> against <paramref name="policy"/>.</summary>
    public static EnvelopeVerdict Verify(Envelope envelope, TrustPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(policy);

        var pae = Pae.Encode(envelope.PayloadType, envelope.Payload);
        var counted = new List<string>();
        foreach (var signature in envelope.Signatures)
        {
            var keyId = MatchingKey(signature, pae, policy, counted);
            if (keyId is not null)
            {
                counted.Add(keyId);
            }
        }

        if (counted.Count < policy.Threshold)
        {
            return EnvelopeVerdict.Refused(envelope.PayloadType, counted, EnvelopeRejection.ThresholdNotMet,
                $"{counted.Count} distinct trusted key(s) signed; {policy.Threshold} required");
        }

        if (!policy.SupportedPayloadTypes.Contains(envelope.PayloadType))
        {
            return EnvelopeVerdict.Refused(envelope.PayloadType, counted, EnvelopeRejection.UnsupportedPayloadType,
                $"payload type '{envelope.PayloadType}' is not supported here");
        }

        return EnvelopeVerdict.Verified(envelope.PayloadType, envelope.Payload, counted);
    }

    // A signature with a key id is checked against that key only; one without is tried against every
    // trusted key not yet counted. Either way a key counts once, however many signatures it made.
    private static string? MatchingKey(EnvelopeSignature signature, byte[] pae, TrustPolicy policy, List<string> counted)
    {
        if (signature.KeyId is not null)
        {
            return !counted.Contains(signature.KeyId, StringComparer.Ordinal)
                && policy.TrustedKeys.TryGetValue(signature.KeyId, out var key)
                && key.Verify(pae, signature.Signature)
                    ? signature.KeyId
                    : null;
        }

        foreach (var (keyId, key) in policy.TrustedKeys)
        {
            if (!counted.Contains(keyId, StringComparer.Ordinal) && key.Verify(pae, signature.Signature))
            {
                return keyId;
            }
        }

        return null;
    }
}
