using System.Security.Cryptography;
using ActorTrust.Benchmarks.Entity;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// (6) Per-core crypto: Ed25519 sign and verify through ActorTrust.Core against libsodium called directly, and
/// SHA-256 of 256 bytes through <see cref="Digest.Sha256"/> against <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>;
/// plus the cost of one journal chain hash (what replay verification pays per event). All on the calling thread.
/// </summary>
internal static class CryptoScenarios
{
    public sealed record Figures(Rate Sign, Rate RawSign, Rate Verify, Rate RawVerify, Rate Sha256, Rate RawSha256, Rate ChainHash);

    public static Figures Run(MacroOptions options)
    {
        var seed = new byte[32];
        seed.AsSpan().Fill(7);
        var message = new byte[256];
        message.AsSpan().Fill(42);
        using var keys = Ed25519KeyPair.FromSeed(seed);
        using var raw = new RawSodium(seed);
        var signature = keys.Sign(message);
        var rawSignature = new byte[64];
        var hash = new byte[32];

        var sign = Timed.Run(options.WarmUp, options.Duration, () => keys.Sign(message));
        var rawSign = Timed.Run(options.WarmUp, options.Duration, () => raw.Sign(message, rawSignature));
        var verify = Timed.Run(options.WarmUp, options.Duration, () => Check(keys.PublicKey.Verify(message, signature)));
        var rawVerify = Timed.Run(options.WarmUp, options.Duration, () => Check(raw.Verify(message, signature)));
        var sha = Timed.Run(options.WarmUp, options.Duration, () => Digest.Sha256(message));
        var rawSha = Timed.Run(options.WarmUp, options.Duration, () => SHA256.HashData(message, hash));

        var prev = HashChain.Genesis("bench|chain");
        var payload = BenchCounter.Kind.Events.Serialize(new Stepped(1, BenchDecider.Reason));
        var timestamp = HashChain.Truncate(DateTimeOffset.UtcNow);
        var chain = Timed.Run(options.WarmUp, options.Duration,
            () => HashChain.Compute(prev, "bench|chain", 12345, "bench.stepped.v1", payload, timestamp, "bench:0:1", 1, "cmd-12345"));
        return new Figures(sign, rawSign, verify, rawVerify, sha, rawSha, chain);
    }

    private static void Check(bool verified)
    {
        if (!verified)
        {
            throw new InvalidOperationException("signature did not verify");
        }
    }
}
