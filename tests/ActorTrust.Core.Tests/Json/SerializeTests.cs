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
    public void Domain_record_round_trips_through_its_canonical_bytes()
    {
        var revoked = new PeerRevoked("peer-7", 9007199254740991, 0.1, ["rotated", "\u2028"]);

        var canonical = CanonicalJson.Serialize(revoked);

        CanonicalJson.Parse(canonical).Deserialize<PeerRevoked>()!.ShouldBeEquivalentTo(revoked);
        CanonicalJson.IsCanonical(canonical).ShouldBeTrue();
    }

    [Fact]
    public void Value_wrapping_a_CLR_object_is_written_as_a_canonical_object()
    {
        var node = new JsonArray(JsonValue.Create(new PeerRevoked("p", 2, 1.5, [])));

        Text(CanonicalJson.Serialize(node)).ShouldBe("""[{"Epoch":2,"PeerId":"p","Reasons":[],"Score":1.5}]""");
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
