using ActorTrust.Core.Crypto;
using ActorTrust.Core.Envelopes;

namespace ActorTrust.Core.Tests.TestSupport;

/// <summary>A fixed pool of Ed25519 key pairs derived from fixed seeds (key i has seed bytes all equal to i + 1).</summary>
internal static class TestKeys
{
    public const int Count = 32;

    private static readonly Ed25519KeyPair[] Pool =
        [.. Enumerable.Range(0, Count).Select(i => Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)(i + 1), 32).ToArray()))];

    public static Ed25519KeyPair Key(int index) => Pool[index];

    public static string Hex(int index) => Pool[index].PublicKey.ToString();

    public static IEnvelopeSigner Signer(int index) => new Ed25519EnvelopeSigner(Pool[index]);
}
