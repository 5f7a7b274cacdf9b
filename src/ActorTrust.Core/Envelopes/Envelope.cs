namespace ActorTrust.Core.Envelopes;

/// <summary>One signature in an envelope.</summary>
/// <param name="KeyId">The signer's key id hint (<c>sha256:</c> of the raw public key), or null when absent.</param>
/// <param name="Signature">The raw 64-byte Ed25519 signature over the PAE.</param>
public sealed record EnvelopeSignature(string? KeyId, byte[] Signature);

/// <summary>
/// A DSSE v1 envelope: a payload, its type, and signatures over <see cref="Pae"/> of both. An envelope
/// read from the wire is untrusted until <see cref="EnvelopeVerifier"/> has verified it.
/// </summary>
/// <param name="PayloadType">The media type of the payload.</param>
/// <param name="Payload">The exact payload bytes that were signed.</param>
/// <param name="Signatures">The signatures, in the order they appear.</param>
public sealed record Envelope(string PayloadType, byte[] Payload, IReadOnlyList<EnvelopeSignature> Signatures)
{
    /// <summary>Signs <paramref name="payload"/> as <paramref name="payloadType"/> with every signer given.</summary>
    public static Envelope Sign(string payloadType, ReadOnlySpan<byte> payload, params IReadOnlyList<IEnvelopeSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        ArgumentNullException.ThrowIfNull(signers);
        if (signers.Count == 0)
        {
            throw new ArgumentException("at least one signer is required", nameof(signers));
        }

        var pae = Pae.Encode(payloadType, payload);
        var signatures = signers.Select(s => new EnvelopeSignature(s.KeyId, s.Sign(pae))).ToArray();
        return new Envelope(payloadType, payload.ToArray(), signatures);
    }

    /// <summary>Returns a copy with one more signature over the same PAE (co-signing).</summary>
    public Envelope AddSignature(IEnvelopeSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var signature = new EnvelopeSignature(signer.KeyId, signer.Sign(Pae.Encode(PayloadType, Payload)));
        return this with { Signatures = [.. Signatures, signature] };
    }
}
