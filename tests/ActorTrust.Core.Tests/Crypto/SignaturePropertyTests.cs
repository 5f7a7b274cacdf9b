using ActorTrust.Core.Crypto;
using FsCheck;
using FsCheck.Fluent;

namespace ActorTrust.Core.Tests.Crypto;

public sealed class SignaturePropertyTests
{
    private static readonly Gen<byte[]> Seeds = Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32);

    private static readonly Gen<byte[]> Messages = ArbMap.Default.GeneratorFor<byte[]>();

    [Fact]
    public void Signatures_verify_for_random_seeds_and_messages()
    {
        Prop.ForAll(Seeds.ToArbitrary(), Messages.ToArbitrary(), (seed, message) =>
        {
            using var keyPair = Ed25519KeyPair.FromSeed(seed);
            return keyPair.PublicKey.Verify(message, keyPair.Sign(message));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Any_single_bit_flip_of_a_signature_fails_verification()
    {
        Prop.ForAll(Seeds.ToArbitrary(), Messages.ToArbitrary(), Gen.Choose(0, 511).ToArbitrary(), (seed, message, bit) =>
        {
            using var keyPair = Ed25519KeyPair.FromSeed(seed);
            var signature = keyPair.Sign(message);
            signature[bit / 8] ^= (byte)(1 << (bit % 8));
            return !keyPair.PublicKey.Verify(message, signature);
        }).QuickCheckThrowOnFailure();
    }
}
