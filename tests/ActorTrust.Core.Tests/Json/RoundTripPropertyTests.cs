using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Core.Json;
using FsCheck;
using FsCheck.Fluent;

namespace ActorTrust.Core.Tests.Json;

/// <summary>Properties over random JSON trees: the canonical form is stable, readable and unique.</summary>
public sealed class RoundTripPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(400);

    [Fact]
    public void Serialize_is_idempotent_through_Parse()
    {
        Check.One(Runs, Prop.ForAll(JsonTreeGenerator.Trees, tree =>
        {
            var canonical = CanonicalJson.Serialize(tree);
            return CanonicalJson.Serialize(CanonicalJson.Parse(canonical)).AsSpan().SequenceEqual(canonical);
        }));
    }

    [Fact]
    public void Parse_accepts_its_own_output_and_IsCanonical_confirms_it()
    {
        Check.One(Runs, Prop.ForAll(JsonTreeGenerator.Trees, tree =>
            CanonicalJson.IsCanonical(CanonicalJson.Serialize(tree))));
    }

    [Fact]
    public void Member_order_whitespace_and_escaping_do_not_change_the_canonical_form()
    {
        var indented = new JsonSerializerOptions { WriteIndented = true };
        Check.One(Runs, Prop.ForAll(JsonTreeGenerator.Trees, tree =>
        {
            var canonical = CanonicalJson.Serialize(tree);
            // System.Text.Json escapes all non-ASCII and HTML characters, and writes numbers its own way.
            var respelled = Encoding.UTF8.GetBytes(Reversed(tree)?.ToJsonString(indented) ?? "null");
            return CanonicalJson.Serialize(CanonicalJson.Parse(respelled)).AsSpan().SequenceEqual(canonical);
        }));
    }

    [Fact]
    public void JsonElement_backed_tree_serializes_like_the_tree_it_was_read_from()
    {
        Check.One(Runs, Prop.ForAll(JsonTreeGenerator.Trees, tree =>
        {
            var canonical = CanonicalJson.Serialize(tree);
            var elementBacked = JsonNode.Parse(tree?.ToJsonString() ?? "null");
            return CanonicalJson.Serialize(elementBacked).AsSpan().SequenceEqual(canonical);
        }));
    }

    [Fact]
    public void Members_come_out_in_UTF16_code_unit_order_at_every_level()
    {
        Check.One(Runs, Prop.ForAll(JsonTreeGenerator.Trees, tree =>
            MembersSorted(CanonicalJson.Parse(CanonicalJson.Serialize(tree)))));
    }

    private static bool MembersSorted(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Zip(obj.Skip(1)).All(pair => string.CompareOrdinal(pair.First.Key, pair.Second.Key) < 0)
            && obj.All(member => MembersSorted(member.Value)),
        JsonArray array => array.All(MembersSorted),
        _ => true,
    };

    private static JsonNode? Reversed(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Reverse().Select(m => KeyValuePair.Create(m.Key, Reversed(m.Value)))),
        JsonArray array => new JsonArray(array.Select(Reversed).ToArray()),
        _ => node?.DeepClone(),
    };
}
