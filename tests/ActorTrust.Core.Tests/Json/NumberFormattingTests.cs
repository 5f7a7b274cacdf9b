using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Tests.Json;

/// <summary>ECMAScript number serialization: RFC 8785 Appendix B and the layout boundaries of Number::toString.</summary>
public sealed class NumberFormattingTests
{
    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void Appendix_B_double_formats_as_published(string ieeeHex, string expected)
    {
        EcmaScriptNumberFormatter.Format(FromHex(ieeeHex)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void Appendix_B_double_serializes_and_reads_back_through_the_public_API(string ieeeHex, string expected)
    {
        var value = FromHex(ieeeHex);

        Text(CanonicalJson.Serialize(JsonValue.Create(value))).ShouldBe(expected);
        var reread = CanonicalJson.Parse(Encoding.UTF8.GetBytes(expected))!.GetValue<double>();
        reread.ShouldBe(value == 0 ? 0d : value);
    }

    [Theory]
    [InlineData("4340000000000000")]
    [InlineData("c340000000000000")]
    [InlineData("4430000000000000")]
    [InlineData("444b1ae4d6e2ef4e")]
    [InlineData("444b1ae4d6e2ef4f")]
    public void Appendix_B_integers_beyond_2_pow_53_written_as_plain_digits_are_refused_by_Serialize(string ieeeHex)
    {
        var error = Should.Throw<CanonicalJsonException>(() => CanonicalJson.Serialize(JsonValue.Create(FromHex(ieeeHex))));

        error.Code.ShouldBe(CanonicalJsonErrorCode.IntegerOutOfRange);
    }

    [Theory]
    [InlineData("7fffffffffffffff")]
    [InlineData("7ff8000000000000")]
    [InlineData("7ff0000000000000")]
    [InlineData("fff0000000000000")]
    public void Appendix_B_NaN_and_infinities_are_refused(string ieeeHex)
    {
        var value = FromHex(ieeeHex);
        var node = new JsonObject { ["n"] = new JsonArray(1, value) };

        var error = Should.Throw<CanonicalJsonException>(() => CanonicalJson.Serialize(node));

        error.Code.ShouldBe(CanonicalJsonErrorCode.NonFinite);
        error.JsonPath.ShouldBe("$.n[1]");
        error.Message.ShouldContain("$.n[1]");
        error.BytePosition.ShouldBe("{\"n\":[1,".Length);
        Should.Throw<ArgumentOutOfRangeException>(() => EcmaScriptNumberFormatter.Format(value));
    }

    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1.5e21, "1.5e+21")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.25e-7, "1.25e-7")]
    [InlineData(1.5e-6, "0.0000015")]
    [InlineData(123e-20, "1.23e-18")]
    [InlineData(1e300, "1e+300")]
    [InlineData(0.1, "0.1")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(4.5, "4.5")]
    [InlineData(2e-3, "0.002")]
    [InlineData(100.0, "100")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(123456789.125, "123456789.125")]
    [InlineData(9007199254740991.0, "9007199254740991")]
    [InlineData(-9007199254740991.0, "-9007199254740991")]
    public void Number_layout_follows_ECMAScript_toString(double value, string expected)
    {
        EcmaScriptNumberFormatter.Format(value).ShouldBe(expected);
    }

    [Fact]
    public void Negative_zero_serializes_as_zero()
    {
        Text(CanonicalJson.Serialize(new JsonArray(-0.0, 0.0))).ShouldBe("[0,0]");
    }

    private static double FromHex(string ieeeHex) =>
        BitConverter.UInt64BitsToDouble(ulong.Parse(ieeeHex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));

    private static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);
}
