using System.Text;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Tests.Hashing;

public sealed class DigestTests
{
    // SHA-256("abc") from FIPS 180-2 appendix B.1.
    private const string AbcHex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Fact]
    public void Sha256_of_abc_matches_the_FIPS_180_vector()
    {
        Digest.Sha256("abc"u8).ToString().ShouldBe("sha256:" + AbcHex);
    }

    [Fact]
    public void Parse_round_trips_the_textual_form()
    {
        var digest = Digest.Parse("sha256:" + AbcHex);
        digest.ToString().ShouldBe("sha256:" + AbcHex);
        digest.ShouldBe(Digest.Sha256("abc"u8));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(AbcHex, "no algorithm label")]
    [InlineData("SHA256:" + AbcHex, "must be lowercase 'sha256'")]
    [InlineData("sha512:" + AbcHex, "unsupported digest algorithm 'sha512'")]
    [InlineData("sha-256:" + AbcHex, "unsupported digest algorithm 'sha-256'")]
    [InlineData("sha256:" + "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", "lowercase hex")]
    [InlineData("sha256:" + "ba7816bf", "64 hex characters, got 8")]
    [InlineData("sha256:" + AbcHex + "00", "64 hex characters, got 66")]
    [InlineData("sha256:" + "zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "invalid hex character 'z' at position 7")]
    [InlineData(" sha256:" + AbcHex, "unsupported digest algorithm")]
    [InlineData("sha256:" + AbcHex + " ", "64 hex characters, got 65")]
    public void Malformed_digests_are_refused_with_the_reason(string text, string reason)
    {
        Digest.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull().ShouldContain(reason);
        Should.Throw<FormatException>(() => Digest.Parse(text)).Message.ShouldContain(reason);
    }

    [Fact]
    public void FromBytes_refuses_a_wrong_length()
    {
        Should.Throw<ArgumentException>(() => Digest.FromBytes(new byte[31]));
        Should.Throw<ArgumentException>(() => Digest.FromBytes(new byte[33]));
    }

    [Fact]
    public void Default_digest_is_the_zero_digest()
    {
        default(Digest).ShouldBe(Digest.Zero);
        default(Digest).ToString().ShouldBe("sha256:" + new string('0', 64));
    }

    [Fact]
    public void Domain_tag_is_prefixed_to_the_pre_image()
    {
        var expected = Digest.Sha256(Encoding.ASCII.GetBytes("actortrust/test-purpose/v1\nabc"));
        DomainHash.Compute("test-purpose", "abc"u8).ShouldBe(expected);
        DomainHash.Compute("test-purpose", [Encoding.ASCII.GetBytes("a"), Encoding.ASCII.GetBytes("bc")]).ShouldBe(expected);
    }

    [Fact]
    public void Different_purposes_give_different_digests_for_the_same_bytes()
    {
        DomainHash.Compute("journal-event", "x"u8).ShouldNotBe(DomainHash.Compute("trust-record", "x"u8));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("with space")]
    [InlineData("new\nline")]
    [InlineData("slash/inside")]
    public void Invalid_purposes_are_refused(string purpose)
    {
        Should.Throw<ArgumentException>(() => DomainHash.Tag(purpose));
    }

    [Fact]
    public void Fixed_time_equality_agrees_with_equality()
    {
        var a = Digest.Sha256("a"u8);
        var b = Digest.Sha256("b"u8);
        a.FixedTimeEquals(Digest.Sha256("a"u8)).ShouldBeTrue();
        a.FixedTimeEquals(b).ShouldBeFalse();
        (a == b).ShouldBeFalse();
    }
}
