using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Tests.Json;

/// <summary>How <see cref="CanonicalJson.Serialize(JsonNode?)"/> lays out trees and treats each kind of value.</summary>
public sealed class SerializeTests
{
    private sealed record PeerRevoked(string PeerId, long Epoch, double Score, string[] Reasons);

    [Fact]
    public void Null_tree_is_written_as_the_null_literal()
    {
        Text(CanonicalJson.Serialize((JsonNode?)null)).ShouldBe("null");
    }

    [Fact]
    public void Whitespace_is_removed_and_members_are_sorted_at_every_level()
    {
        var node = JsonNode.Parse("""{ "b" : { "y" : 1 , "x" : [ true , null ] } , "a" : [ { "d" : 1 , "c" : "v" } ] }""");

        Text(CanonicalJson.Serialize(node)).ShouldBe("""{"a":[{"c":"v","d":1}],"b":{"x":[true,null],"y":1}}""");
    }

    [Fact]
    public void Members_sort_by_ordinal_code_units_not_by_culture_or_case()
    {
        var node = new JsonObject { ["aa"] = 1, ["a"] = 2, ["_"] = 3, ["B"] = 4, [""] = 5, ["é"] = 6, ["Z"] = 7 };

        Text(CanonicalJson.Serialize(node)).ShouldBe("""{"":5,"B":4,"Z":7,"_":3,"a":2,"aa":1,"é":6}""");
    }

    [Fact]
    public void Array_order_is_kept()
    {
        Text(CanonicalJson.Serialize(new JsonArray(3, 1, 2, "b", "a"))).ShouldBe("""[3,1,2,"b","a"]""");
    }

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
        error.Message.ShouldContain(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
        var value = decimal.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);

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

    [Fact]
    public void Values_that_serialize_as_strings_are_written_as_canonical_strings()
    {
        var node = new JsonArray(
            JsonValue.Create(new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc)),
            JsonValue.Create(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")),
            JsonValue.Create('\n'));

        Text(CanonicalJson.Serialize(node)).ShouldBe("""["2020-01-02T03:04:05Z","0f8fad5b-d9cb-469f-a165-70867728950e","\n"]""");
    }

    [Fact]
    public void Serialize_of_T_uses_the_serializer_contract_then_canonicalizes()
    {
        var revoked = new PeerRevoked("peer-\u00e9", 7, 0.5, ["key </compromised>"]);

        Text(CanonicalJson.Serialize(revoked))
            .ShouldBe("""{"Epoch":7,"PeerId":"peer-é","Reasons":["key </compromised>"],"Score":0.5}""");
        Text(CanonicalJson.Serialize(revoked, new JsonSerializerOptions(JsonSerializerDefaults.Web)))
            .ShouldBe("""{"epoch":7,"peerId":"peer-é","reasons":["key </compromised>"],"score":0.5}""");
    }

    [Fact]
    public void Serialize_of_T_refuses_a_domain_value_beyond_the_safe_integer_range()
    {
        var error = Should.Throw<CanonicalJsonException>(() => CanonicalJson.Serialize(new PeerRevoked("p", long.MaxValue, 0, [])));

        error.Code.ShouldBe(CanonicalJsonErrorCode.IntegerOutOfRange);
        error.JsonPath.ShouldBe("$.Epoch");
    }

    [Fact]
    public void Serialize_of_T_writes_a_JsonNode_argument_as_the_node_itself()
    {
        var node = new JsonObject { ["x"] = double.NaN };

        Should.Throw<CanonicalJsonException>(() => CanonicalJson.Serialize<JsonObject>(node))
            .Code.ShouldBe(CanonicalJsonErrorCode.NonFinite);
        Text(CanonicalJson.Serialize<JsonNode?>(null)).ShouldBe("null");
    }

    [Fact]
    public void Nesting_up_to_the_supported_depth_is_written_and_deeper_is_refused()
    {
        Text(CanonicalJson.Serialize(Nested(CanonicalJsonReaderOptions.MaxSupportedDepth)))
            .ShouldBe(new string('[', 1000) + new string(']', 1000));

        var error = Should.Throw<CanonicalJsonException>(() => CanonicalJson.Serialize(Nested(CanonicalJsonReaderOptions.MaxSupportedDepth + 1)));

        error.Code.ShouldBe(CanonicalJsonErrorCode.TooDeep);
        error.BytePosition.ShouldBe(1000);
    }

    private static JsonArray Nested(int depth)
    {
        var root = new JsonArray();
        var current = root;
        for (var level = 1; level < depth; level++)
        {
            var next = new JsonArray();
            current.Add(next);
            current = next;
        }

        return root;
    }

    private static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);
}
