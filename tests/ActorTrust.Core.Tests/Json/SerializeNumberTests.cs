using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Tests.Json;

/// <summary>
/// How each kind of .NET number held in a tree is written: exactly, in canonical form, or refused
/// when the canonical double would not carry its value.
/// </summary>
public sealed class SerializeNumberTests
{
    [Theory]
    [InlineData(9007199254740991L, "9007199254740991")]
    [InlineData(-9007199254740991L, "-9007199254740991")]
    [InlineData(0L, "0")]
    [InlineData(long.MaxValue / 1_000_000_000_000, "9223372")]
    public void Long_within_the_safe_range_is_written_exactly(long value, string expected)
    {
        Text(CanonicalJson.Serialize(JsonValue.Create(value))).ShouldBe(expected);
    }

    [Theory]
    [InlineData(9007199254740992L)]
    [InlineData(-9007199254740992L)]
    [InlineData(9007199254740993L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Long_beyond_the_safe_range_is_refused(long value)
    {
        var error = Should.Throw<CanonicalJsonException>(() => CanonicalJson.Serialize(new JsonObject { ["epoch"] = value }));

        error.Code.ShouldBe(CanonicalJsonErrorCode.IntegerOutOfRange);
        error.JsonPath.ShouldBe("$.epoch");
        error.Message.ShouldContain(value.ToString(CultureInfo.InvariantCulture));
        error.Message.ShouldContain("$.epoch");
    }

    [Fact]
    public void Other_integer_types_are_written_exactly()
    {
        var node = new JsonArray(
            JsonValue.Create(int.MinValue),
            JsonValue.Create(uint.MaxValue),
            JsonValue.Create((short)-7),
            JsonValue.Create((byte)255),
            JsonValue.Create(9007199254740991UL));

        Text(CanonicalJson.Serialize(node)).ShouldBe("[-2147483648,4294967295,-7,255,9007199254740991]");
    }

    [Fact]
    public void Unsigned_long_beyond_the_safe_range_is_refused()
    {
        Should.Throw<CanonicalJsonException>(() => CanonicalJson.Serialize(JsonValue.Create(ulong.MaxValue)))
            .Code.ShouldBe(CanonicalJsonErrorCode.IntegerOutOfRange);
    }

    [Fact]
    public void Decimal_that_a_double_reproduces_exactly_is_written_in_canonical_form()
    {
        var node = new JsonArray(JsonValue.Create(4.50m), JsonValue.Create(0.1m), JsonValue.Create(0.000000000000000000000000001m), JsonValue.Create(-12.340m));

        Text(CanonicalJson.Serialize(node)).ShouldBe("[4.5,0.1,1e-27,-12.34]");
    }

    [Theory]
    [InlineData("0.1000000000000000055511151231")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("1234567890.1234567891")]
    public void Decimal_that_no_double_reproduces_is_refused_as_inexact(string digits)
    {
        var value = decimal.Parse(digits, CultureInfo.InvariantCulture);

        var error = Should.Throw<CanonicalJsonException>(() => CanonicalJson.Serialize(JsonValue.Create(value)));

        error.Code.ShouldBe(CanonicalJsonErrorCode.InexactNumber);
        error.Message.ShouldContain(digits);
    }

    [Fact]
    public void Single_and_half_precision_values_are_written_and_their_NaN_refused()
    {
        Text(CanonicalJson.Serialize(new JsonArray(JsonValue.Create(1.5f), JsonValue.Create((Half)0.25)))).ShouldBe("[1.5,0.25]");
        Should.Throw<CanonicalJsonException>(() => CanonicalJson.Serialize(JsonValue.Create(float.NaN)))
            .Code.ShouldBe(CanonicalJsonErrorCode.NonFinite);
        Should.Throw<CanonicalJsonException>(() => CanonicalJson.Serialize(JsonValue.Create(Half.PositiveInfinity)))
            .Code.ShouldBe(CanonicalJsonErrorCode.NonFinite);
    }

    [Fact]
    public void JsonElement_numbers_are_rewritten_in_canonical_form()
    {
        var node = JsonNode.Parse("[4.50, 1E30, 2e-3, -0, 0.000000000000000000000000001, 1e21]");

        Text(CanonicalJson.Serialize(node)).ShouldBe("[4.5,1e+30,0.002,0,1e-27,1e+21]");
    }

    [Theory]
    [InlineData("333333333.33333329", CanonicalJsonErrorCode.InexactNumber)]
    [InlineData("0.1000000000000000000001", CanonicalJsonErrorCode.InexactNumber)]
    [InlineData("9007199254740993", CanonicalJsonErrorCode.IntegerOutOfRange)]
    [InlineData("1e16", CanonicalJsonErrorCode.IntegerOutOfRange)]
    [InlineData("1e400", CanonicalJsonErrorCode.NumberOverflow)]
    public void JsonElement_number_that_would_change_value_is_refused(string literal, CanonicalJsonErrorCode code)
    {
        var node = JsonNode.Parse($$"""{"n":{{literal}}}""");

        var error = Should.Throw<CanonicalJsonException>(() => CanonicalJson.Serialize(node));

        error.Code.ShouldBe(code);
        error.JsonPath.ShouldBe("$.n");
    }

    private static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);
}
