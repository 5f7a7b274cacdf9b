using System.Security.Cryptography;
using ActorTrust.Benchmarks.Entity;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// (6) Per-core crypto: Ed25519 sign and verify through ActorTrust.Core against libsodium called directly, and
/// SHA-256 of 256 bytes through <see cref="Digest.Sha256"/> against <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>;
/// plus the cost of one journal chain hash (what replay verification pays per event). All on one thread, each pair interleaved.
/// </summary>
internal static class CryptoScenarios
{
    public sealed record Figures(Measured Sign, Measured RawSign, Measured Verify, Measured RawVerify, Measured Sha256, Measured RawSha256, Measured ChainHash);

    public static async Task<Figures> RunAsync(MacroOptions options)
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
        var prev = HashChain.Genesis("bench|chain");
        var payload = BenchCounter.Kind.Events.Serialize(new Stepped(1, BenchDecider.Reason));
        var timestamp = HashChain.Truncate(DateTimeOffset.UtcNow);

        var sign = await Interleaved.RunAsync(options.WarmUp, options.Duration, options.Slices,
            [Contender.Sync("sign", () => keys.Sign(message)), Contender.Sync("raw sign", () => raw.Sign(message, rawSignature))]);
        var verify = await Interleaved.RunAsync(options.WarmUp, options.Duration, options.Slices,
            [Contender.Sync("verify", () => Check(keys.PublicKey.Verify(message, signature))), Contender.Sync("raw verify", () => Check(raw.Verify(message, signature)))]);
        var sha = await Interleaved.RunAsync(options.WarmUp, options.Duration, options.Slices,
        [
            Contender.Sync("Digest.Sha256", () => Digest.Sha256(message)),
            Contender.Sync("SHA256.HashData", () => SHA256.HashData(message, hash)),
            Contender.Sync("HashChain.Compute", () => HashChain.Compute(prev, "bench|chain", 12345, "bench.stepped.v1", payload, timestamp, "bench:0:1", 1, "cmd-12345")),
        ]);
        return new Figures(sign[0], sign[1], verify[0], verify[1], sha[0], sha[1], sha[2]);
    }

    private static void Check(bool verified)
    {
        if (!verified)
        {
            throw new InvalidOperationException("signature did not verify");
        }
    }
}
