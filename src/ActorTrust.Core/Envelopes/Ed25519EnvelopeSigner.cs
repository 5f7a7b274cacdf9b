using ActorTrust.Core.Crypto;

namespace ActorTrust.Core.Envelopes;

/// <summary>Signs envelopes with an Ed25519 key pair; the key id hint is the pair's public key id.</summary>
/// <param name="keyPair">The key pair; it stays owned (and disposed) by the caller.</param>
public sealed class Ed25519EnvelopeSigner(Ed25519KeyPair keyPair) : IEnvelopeSigner
{
    /// <inheritdoc />
    public string KeyId { get; } = keyPair.PublicKey.KeyId.ToString();

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> message) => keyPair.Sign(message);
}
