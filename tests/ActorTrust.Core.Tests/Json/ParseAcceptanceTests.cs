using System.Text;
using System.Text.Json.Nodes;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Tests.Json;

/// <summary>What the strict reader accepts, and the tree it builds.</summary>
public sealed class ParseAcceptanceTests
{
    [Fact]
    public void Numbers_are_read_as_doubles_and_strings_are_unescaped()
    {
        var node = Parse("""{"n":4.50,"i":-12,"s":"\u00e9\n\/\"\\","t":true,"f":false,"z":null}""")!.AsObject();

        node["n"]!.GetValue<double>().ShouldBe(4.5);
        node["i"]!.GetValue<double>().ShouldBe(-12d);
        node["s"]!.GetValue<string>().ShouldBe("é\n/\"\\");
        node["t"]!.GetValue<bool>().ShouldBeTrue();
        node["f"]!.GetValue<bool>().ShouldBeFalse();
        node.ContainsKey("z").ShouldBeTrue();
        node["z"].ShouldBeNull();
    }

    [Fact]
    public void Members_keep_their_input_order_in_the_tree()
    {
        Parse("""{"b":1,"a":2,"c":3}""")!.AsObject().Select(m => m.Key).ShouldBe(["b", "a", "c"]);
    }

    [Fact]
    public void Null_document_reads_as_a_null_node()
    {
        Parse("null").ShouldBeNull();
    }

    [Fact]
    public void Insignificant_whitespace_is_accepted_everywhere_JSON_allows_it()
    {
        var node = Parse(" \t\r\n{ \"a\" :\n[ 1 ,\ttrue ] } \r\n\t ");

        Canonical(node).ShouldBe("""{"a":[1,true]}""");
    }

    [Fact]
    public void Escaped_surrogate_pair_is_accepted_as_one_character()
    {
        Parse("""["\ud83d\ude00","\uD83D\uDE00"]""")!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["\U0001F600", "\U0001F600"]);
    }

    [Fact]
    public void Escaped_backslash_followed_by_u_is_not_taken_for_a_surrogate_escape()
    {
        Parse("""["\\ud800"]""")![0]!.GetValue<string>().ShouldBe("\\ud800");
    }

    [Fact]
    public void Same_name_in_sibling_objects_and_names_differing_in_case_are_accepted()
    {
        Canonical(Parse("""[{"a":1},{"a":2,"A":3}]""")).ShouldBe("""[{"a":1},{"A":3,"a":2}]""");
    }

    [Theory]
    [InlineData("9007199254740991", "9007199254740991")]
    [InlineData("-9007199254740991", "-9007199254740991")]
    [InlineData("1e21", "1e+21")]
    [InlineData("1E30", "1e+30")]
    [InlineData("-1.5e300", "-1.5e+300")]
    [InlineData("123.4560e2", "12345.6")]
    [InlineData("-0", "0")]
    [InlineData("-0.0e5", "0")]
    [InlineData("1e-400", "0")]
    [InlineData("0.1e1", "1")]
    public void Numbers_inside_the_policy_are_accepted_and_rewritten_canonically(string literal, string canonical)
    {
        Canonical(Parse(literal)).ShouldBe(canonical);
    }

    [Fact]
    public void Nesting_exactly_at_MaxDepth_is_accepted()
    {
        var options = new CanonicalJsonReaderOptions { MaxDepth = 3 };

        Canonical(CanonicalJson.Parse("""{"a":[[1]]}"""u8, options)).ShouldBe("""{"a":[[1]]}""");
        Canonical(CanonicalJson.Parse(Encoding.UTF8.GetBytes(new string('[', 64) + new string(']', 64))))
            .ShouldBe(new string('[', 64) + new string(']', 64));
    }

    [Fact]
    public void MaxDepth_zero_allows_only_a_scalar_document()
    {
        var options = new CanonicalJsonReaderOptions { MaxDepth = 0 };

        CanonicalJson.Parse("\"scalar\""u8, options)!.GetValue<string>().ShouldBe("scalar");
        Should.Throw<CanonicalJsonException>(() => CanonicalJson.Parse("[]"u8.ToArray(), options)).Code.ShouldBe(CanonicalJsonErrorCode.TooDeep);
    }

    [Fact]
    public void Input_exactly_MaxBytes_long_is_accepted()
    {
        var options = new CanonicalJsonReaderOptions { MaxBytes = 5 };

        Canonical(CanonicalJson.Parse("[1,2]"u8, options)).ShouldBe("[1,2]");
    }

    [Fact]
    public void Default_options_are_depth_64_and_one_mebibyte()
    {
        CanonicalJsonReaderOptions.Default.MaxDepth.ShouldBe(64);
        CanonicalJsonReaderOptions.Default.MaxBytes.ShouldBe(1024 * 1024);
    }

    private static JsonNode? Parse(string json) => CanonicalJson.Parse(Encoding.UTF8.GetBytes(json));

    private static string Canonical(JsonNode? node) => Encoding.UTF8.GetString(CanonicalJson.Serialize(node));
}
