using System.Numerics;
using ActorTrust.Core.Crypto;

namespace ActorTrust.Core.Tests.Crypto;

public sealed class TamperingTests : IDisposable
{
    // RFC 8032 §7.1 TEST 3 seed; any fixed key would do.
    private readonly Ed25519KeyPair _keyPair =
        Ed25519KeyPair.FromSeed(Convert.FromHexString("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7"));

    private readonly byte[] _message = "actortrust tamper test"u8.ToArray();

    public void Dispose() => _keyPair.Dispose();

    private static byte[] FlipBit(ReadOnlySpan<byte> bytes, int bit)
    {
        var copy = bytes.ToArray();
        copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    private static List<int> BitsThatStillVerify(int bitCount, Func<int, bool> verifiesWithBitFlipped) =>
        [.. Enumerable.Range(0, bitCount).Where(verifiesWithBitFlipped)];

    [Fact]
    public void Untampered_signature_verifies()
    {
        _keyPair.PublicKey.Verify(_message, _keyPair.Sign(_message)).ShouldBeTrue();
    }

    [Fact]
    public void Flipping_any_bit_of_the_message_fails_verification()
    {
        var signature = _keyPair.Sign(_message);

        BitsThatStillVerify(_message.Length * 8, bit => _keyPair.PublicKey.Verify(FlipBit(_message, bit), signature))
            .ShouldBeEmpty();
    }

    [Fact]
    public void Flipping_any_bit_of_the_public_key_fails_verification()
    {
        var signature = _keyPair.Sign(_message);

        BitsThatStillVerify(256, bit => Ed25519PublicKey.Create(FlipBit(_keyPair.PublicKey.Bytes, bit)).Verify(_message, signature))
            .ShouldBeEmpty();
    }

    [Fact]
    public void Flipping_any_bit_of_R_fails_verification()
    {
        var signature = _keyPair.Sign(_message);

        BitsThatStillVerify(256, bit => _keyPair.PublicKey.Verify(_message, FlipBit(signature, bit))).ShouldBeEmpty();
    }

    [Fact]
    public void Flipping_any_bit_of_S_fails_verification()
    {
        var signature = _keyPair.Sign(_message);

        BitsThatStillVerify(256, bit => _keyPair.PublicKey.Verify(_message, FlipBit(signature, 256 + bit))).ShouldBeEmpty();
    }

    [Fact]
    public void Adding_the_group_order_to_S_is_refused_as_non_canonical()
    {
        // L = 2^252 + 27742317777372353535851937790883648493; S + L is the same scalar mod L, but not canonical.
        var order = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);
        var signature = _keyPair.Sign(_message);
        var s = new BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: false);
        var malleated = signature.ToArray();
        (s + order).TryWriteBytes(malleated.AsSpan(32), out var written, isUnsigned: true, isBigEndian: false).ShouldBeTrue();
        malleated.AsSpan(32 + written).Clear();

        malleated.AsSpan(0, 32).SequenceEqual(signature.AsSpan(0, 32)).ShouldBeTrue();
        malleated.ShouldNotBe(signature);
        _keyPair.PublicKey.Verify(_message, malleated).ShouldBeFalse();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(128)]
    public void Signature_of_the_wrong_length_is_false_without_throwing(int length)
    {
        var signature = new byte[length];
        _keyPair.Sign(_message).AsSpan(0, Math.Min(64, length)).CopyTo(signature);

        _keyPair.PublicKey.Verify(_message, signature).ShouldBeFalse();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Public_key_of_the_wrong_length_is_refused(int length)
    {
        Ed25519PublicKey.TryCreate(new byte[length], out var key).ShouldBeFalse();
        key.ShouldBeNull();
        Should.Throw<ArgumentException>(() => Ed25519PublicKey.Create(new byte[length]))
            .Message.ShouldContain($"got {length}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Seed_of_the_wrong_length_is_refused_naming_the_length(int length)
    {
        Should.Throw<ArgumentException>(() => Ed25519KeyPair.FromSeed(new byte[length]))
            .Message.ShouldContain($"32 bytes, got {length}");
    }
}
