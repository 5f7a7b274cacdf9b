using System.Text;
using System.Text.Json.Nodes;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Tests.Json;

/// <summary>The worked examples of RFC 8785 §3.2.2–§3.2.4, reproduced byte for byte.</summary>
public sealed class Rfc8785ExampleTests
{
    private const string Section322Input = """
        {
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
          "literals": [null, true, false]
        }
        """;

    private const string Section322Output =
        """{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""";

    // RFC 8785 §3.2.4: the UTF-8 bytes of the §3.2.2 output, in hex.
    private const string Section324Hex =
        "7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a5b3333333333333333332e333333333333332c31652b33302c342e352c302e3030322c31652d32375d2c22737472696e67223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d";

    [Fact]
    public void Section_3_2_2_sample_canonicalizes_to_the_published_output()
    {
        Canonicalize(Section322Input).ShouldBe(Section322Output);
    }

    [Fact]
    public void Section_3_2_4_output_bytes_match_the_published_hex()
    {
        var bytes = CanonicalJson.Serialize(CanonicalJson.Parse(Encoding.UTF8.GetBytes(Section322Input)));

        Convert.ToHexStringLower(bytes).ShouldBe(Section324Hex);
    }

    [Fact]
    public void Section_3_2_2_published_output_is_canonical_and_the_input_is_not()
    {
        CanonicalJson.IsCanonical(Encoding.UTF8.GetBytes(Section322Output)).ShouldBeTrue();
        CanonicalJson.IsCanonical(Encoding.UTF8.GetBytes(Section322Input)).ShouldBeFalse();
    }

    [Fact]
    public void Section_3_2_3_members_sort_by_UTF16_code_units()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        const string expected =
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
            + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
            + "\"\U0001F600\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";

        Canonicalize(input).ShouldBe(expected);
    }

    [Fact]
    public void Keys_including_a_script_closing_tag_sort_by_UTF16_code_units()
    {
        var obj = new JsonObject
        {
            ["\u20ac"] = 1,
            ["\r"] = 2,
            ["\ufb33"] = 3,
            ["1"] = 4,
            ["\ud83d\ude00"] = 5,
            ["\u0080"] = 6,
            ["\u00f6"] = 7,
            ["</script>"] = 8,
        };

        MemberNames(CanonicalJson.Serialize(obj))
            .ShouldBe(["\r", "1", "</script>", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"]);
    }

    [Fact]
    public void Supplementary_character_U_1F602_sorts_before_U_FB33_because_its_high_surrogate_is_smaller()
    {
        // By code point U+FB33 < U+1F602; by UTF-16 code unit 0xD83D < 0xFB33, which is what RFC 8785 requires.
        var obj = new JsonObject { ["\ufb33"] = "dalet", ["\U0001F602"] = "smiley" };

        Encoding.UTF8.GetString(CanonicalJson.Serialize(obj))
            .ShouldBe("{\"\U0001F602\":\"smiley\",\"\ufb33\":\"dalet\"}");
    }

    private static string Canonicalize(string json) =>
        Encoding.UTF8.GetString(CanonicalJson.Serialize(CanonicalJson.Parse(Encoding.UTF8.GetBytes(json))));

    private static List<string> MemberNames(byte[] canonical) =>
        CanonicalJson.Parse(canonical)!.AsObject().Select(member => member.Key).ToList();
}
