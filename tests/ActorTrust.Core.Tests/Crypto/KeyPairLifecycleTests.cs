using ActorTrust.Core.Crypto;

namespace ActorTrust.Core.Tests.Crypto;

public sealed class KeyPairLifecycleTests
{
    private const string SeedHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

    [Fact]
    public void Dispose_zeroes_the_seed_and_the_secret_key()
    {
        var keyPair = Ed25519KeyPair.FromSeed(Convert.FromHexString(SeedHex));
        var (seed, secretKey) = keyPair.SecretBuffersForTesting;
        Convert.ToHexStringLower(seed).ShouldBe(SeedHex);
        secretKey.ShouldContain(b => b != 0);

        keyPair.Dispose();

        seed.ShouldAllBe(b => b == 0);
        secretKey.ShouldAllBe(b => b == 0);
    }

    [Fact]
    public void Signing_after_dispose_throws()
    {
        var keyPair = Ed25519KeyPair.Generate();
        keyPair.Dispose();

        Should.Throw<ObjectDisposedException>(() => keyPair.Sign("m"u8));
    }

    [Fact]
    public void Dispose_twice_is_harmless()
    {
        var keyPair = Ed25519KeyPair.Generate();
        keyPair.Dispose();

        Should.NotThrow(keyPair.Dispose);
    }

    [Fact]
    public void ToString_names_the_key_id_and_never_the_seed_or_secret_key()
    {
        using var keyPair = Ed25519KeyPair.FromSeed(Convert.FromHexString(SeedHex));
        var secretKeyHex = Convert.ToHexStringLower(keyPair.SecretBuffersForTesting.SecretKey);

        var text = keyPair.ToString();

        text.ShouldContain(keyPair.PublicKey.KeyId.ToString());
        text.ShouldNotContain(SeedHex, Case.Insensitive);
        text.ShouldNotContain(secretKeyHex[..16], Case.Insensitive);
    }

    [Fact]
    public void Generated_key_pairs_differ()
    {
        using var first = Ed25519KeyPair.Generate();
        using var second = Ed25519KeyPair.Generate();

        first.PublicKey.ShouldNotBe(second.PublicKey);
    }

    [Fact]
    public void Caller_seed_buffer_is_copied_not_retained()
    {
        var callerSeed = Convert.FromHexString(SeedHex);
        using var keyPair = Ed25519KeyPair.FromSeed(callerSeed);
        var before = keyPair.Sign("m"u8);

        Array.Clear(callerSeed);

        keyPair.Sign("m"u8).ShouldBe(before);
    }
}
