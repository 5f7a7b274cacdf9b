using System.Security.Cryptography;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Tests.Crypto;

public sealed class KeyIdTests
{
    private const string Rfc8032Test1PublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    [Fact]
    public void Key_id_is_sha256_of_the_raw_public_key()
    {
        var raw = Convert.FromHexString(Rfc8032Test1PublicKey);
        var key = Ed25519PublicKey.Create(raw);

        key.KeyId.ToString().ShouldBe("sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw)));
        key.KeyId.ShouldBe(Digest.Sha256(raw));
    }

    [Fact]
    public void Key_pair_and_its_public_key_share_the_key_id()
    {
        using var keyPair = Ed25519KeyPair.FromSeed(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

        keyPair.PublicKey.KeyId.ShouldBe(Ed25519PublicKey.Create(Convert.FromHexString(Rfc8032Test1PublicKey)).KeyId);
    }

    [Fact]
    public void Public_keys_with_the_same_bytes_are_equal_and_others_are_not()
    {
        var raw = Convert.FromHexString(Rfc8032Test1PublicKey);
        var other = raw.ToArray();
        other[0] ^= 1;

        Ed25519PublicKey.Create(raw).ShouldBe(Ed25519PublicKey.Create(raw.ToArray()));
        Ed25519PublicKey.Create(raw).ShouldNotBe(Ed25519PublicKey.Create(other));
    }

    [Fact]
    public void Public_key_copies_its_input()
    {
        var raw = Convert.FromHexString(Rfc8032Test1PublicKey);
        var key = Ed25519PublicKey.Create(raw);
        raw[0] ^= 0xff;

        key.ToString().ShouldBe(Rfc8032Test1PublicKey);
    }
}
