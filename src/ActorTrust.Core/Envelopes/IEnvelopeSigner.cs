namespace ActorTrust.Core.Envelopes;

/// <summary>Something that can sign a DSSE pre-authentication encoding with a known key.</summary>
public interface IEnvelopeSigner
{
    /// <summary>The signer's key id (<c>sha256:</c> of the raw public key), written into the envelope as a hint.</summary>
    string KeyId { get; }

    /// <summary>Signs <paramref name="message"/> and returns the raw signature.</summary>
    byte[] Sign(ReadOnlySpan<byte> message);
}
