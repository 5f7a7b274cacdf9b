using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Core.Json;
using FsCheck;
using FsCheck.Fluent;

namespace ActorTrust.Core.Tests.Json;

/// <summary>
/// <see cref="CanonicalTranscoder"/>, which writes canonical JSON straight from serializer output: whenever it
/// answers, it writes exactly what the tree path writes.
/// </summary>
public sealed class CanonicalTranscoderTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void Serializer_output_of_random_documents_transcodes_to_the_tree_paths_bytes()
    {
        Check.One(Runs, Prop.ForAll(JsonTreeGenerator.Trees, tree =>
        {
            var expected = CanonicalJson.Serialize(tree);
            var transcoded = CanonicalTranscoder.TryCanonicalize(JsonSerializer.SerializeToUtf8Bytes(tree));
            return transcoded is null || transcoded.AsSpan().SequenceEqual(expected);
        }));
    }

    [Theory]
    [InlineData("""{"b":1,"a":{"d":[1,{"z":true,"y":null}],"c":"x"}}""", """{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}""")]
    [InlineData("""{"name":"caf\u00e9 \u003Cb\u003E \u002B1 \ud83d\ude00"}""", """{"name":"café <b> +1 😀"}""")]
    [InlineData("""{"a_b":1,"a":2,"ab":3}""", """{"a":2,"a_b":1,"ab":3}""")]
    [InlineData("""[-12,0,1.5,123456789012345]""", """[-12,0,1.5,123456789012345]""")]
    public void Members_are_sorted_and_strings_rewritten_canonically(string input, string canonical)
    {
        var transcoded = CanonicalTranscoder.TryCanonicalize(Encoding.UTF8.GetBytes(input));

        transcoded.ShouldNotBeNull();
        Encoding.UTF8.GetString(transcoded).ShouldBe(canonical);
        transcoded.ShouldBe(CanonicalJson.Serialize(JsonNode.Parse(input)));
    }

    [Theory]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""[1.0]""")]
    [InlineData("""[1E+21]""")]
    [InlineData("""[-0]""")]
    [InlineData("""[9007199254740993]""")]
    [InlineData("""["\ud800"]""")]
    [InlineData("""{"\u00e9":1}""")]
    [InlineData("""{"😀":1}""")]
    public void What_it_cannot_reproduce_exactly_is_left_to_the_tree_path(string input)
    {
        CanonicalTranscoder.TryCanonicalize(Encoding.UTF8.GetBytes(input)).ShouldBeNull();
    }

    [Fact]
    public void Records_serialise_to_the_same_canonical_bytes_through_either_path()
    {
        var value = new Sample("zeta", 7, [new Inner(2.5, "b"), new Inner(-1, "ä<")], null);

        var direct = CanonicalJson.Serialize(value, ActorTrustJson.Options);

        direct.ShouldBe(CanonicalJson.Serialize(JsonSerializer.SerializeToNode(value, ActorTrustJson.Options)));
        Encoding.UTF8.GetString(direct).ShouldBe("""{"count":7,"items":[{"label":"b","value":2.5},{"label":"ä<","value":-1}],"name":"zeta"}""");
    }

    private sealed record Sample(string Name, int Count, IReadOnlyList<Inner> Items, string? Note);

    private sealed record Inner(double Value, string Label);
}
