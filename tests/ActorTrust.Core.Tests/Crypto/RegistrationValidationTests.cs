using ActorTrust.Core.Crypto;
using ActorTrust.Core.Tests.TestSupport;

namespace ActorTrust.Core.Tests.Crypto;

public sealed class RegistrationValidationTests
{
    private static Ed25519PublicKey Key(string hex) => Ed25519PublicKey.Create(Convert.FromHexString(hex));

    private static List<CctvVector> Cctv() => TestVectors.Load<List<CctvVector>>("ed25519", "cctv.json");

    // The eight small-order points, with the sign bit either way (all appear as low_order_A keys in CCTV).
    [Theory]
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000")] // identity
    [InlineData("0100000000000000000000000000000000000000000000000000000000000080")] // identity, sign bit set
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")] // all zero, order 4
    [InlineData("0000000000000000000000000000000000000000000000000000000000000080")] // order 4
    [InlineData("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // order 2
    [InlineData("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")] // order 2, sign bit set
    [InlineData("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05")] // order 8
    [InlineData("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85")] // order 8
    [InlineData("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a")] // order 8
    [InlineData("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa")] // order 8
    public void Small_order_public_key_is_refused_as_small_order(string hex)
    {
        var rejection = Key(hex).ValidateForRegistration().ShouldNotBeNull();

        rejection.Code.ShouldBe(PublicKeyRejectionCode.SmallOrder);
        rejection.Message.ShouldContain("small-order");
        Key(hex).IsAcceptableForRegistration.ShouldBeFalse();
    }

    [Theory]
    [InlineData("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // y = p (≡ 0)
    [InlineData("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")] // y = p + 1 (≡ 1)
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // y = 2^255 - 1
    public void Non_canonical_public_key_is_refused_as_non_canonical(string hex)
    {
        Key(hex).ValidateForRegistration().ShouldNotBeNull().Code.ShouldBe(PublicKeyRejectionCode.NonCanonicalEncoding);
    }

    [Fact]
    public void Every_low_order_key_in_the_cctv_corpus_is_refused()
    {
        var keys = Cctv().Where(v => v.HasFlag("low_order_A")).Select(v => v.Key).Distinct().ToList();

        keys.Count.ShouldBe(14);
        keys.Where(k => Key(k).IsAcceptableForRegistration).ShouldBeEmpty();
    }

    [Fact]
    public void Mixed_order_cctv_keys_are_refused_as_outside_the_prime_order_subgroup()
    {
        var keys = Cctv()
            .Where(v => v.HasFlag("low_order_component_A") && !v.HasFlag("low_order_A") && !v.HasFlag("non_canonical_A"))
            .Select(v => v.Key)
            .Distinct()
            .ToList();

        keys.ShouldNotBeEmpty();
        keys.Select(k => Key(k).ValidateForRegistration()?.Code).Distinct()
            .ShouldBe([PublicKeyRejectionCode.NotInPrimeOrderSubgroup]);
    }

    [Fact]
    public void Generated_keys_are_acceptable()
    {
        using var keyPair = Ed25519KeyPair.Generate();

        keyPair.PublicKey.ValidateForRegistration().ShouldBeNull();
    }
}
