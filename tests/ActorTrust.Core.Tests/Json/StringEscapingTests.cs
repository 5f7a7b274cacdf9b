using System.Text;
using System.Text.Json.Nodes;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Tests.Json;

/// <summary>String serialization per RFC 8785 §3.2.2.2: the fewest escapes, everything else raw UTF-8.</summary>
public sealed class StringEscapingTests
{
    [Theory]
    [InlineData("\b", "\"\\b\"")]
    [InlineData("\t", "\"\\t\"")]
    [InlineData("\n", "\"\\n\"")]
    [InlineData("\f", "\"\\f\"")]
    [InlineData("\r", "\"\\r\"")]
    [InlineData("\"", "\"\\\"\"")]
    [InlineData("\\", "\"\\\\\"")]
    [InlineData("\u0000", "\"\\u0000\"")]
    [InlineData("\u000b", "\"\\u000b\"")]
    [InlineData("\u001b", "\"\\u001b\"")]
    [InlineData("\u001f", "\"\\u001f\"")]
    public void Quote_backslash_and_control_characters_use_the_shortest_escape_with_lowercase_hex(string value, string expected)
    {
        Serialize(value).ShouldBe(expected);
    }

    [Theory]
    [InlineData("/", "\"/\"")]
    [InlineData("\u007f", "\"\u007f\"")]
    [InlineData("<script>&'+", "\"<script>&'+\"")]
    [InlineData("é", "\"é\"")]
    [InlineData("\u20ac", "\"\u20ac\"")]
    [InlineData("\u2028\u2029", "\"\u2028\u2029\"")]
    [InlineData("\ufeff", "\"\ufeff\"")]
    [InlineData("\U0001F600", "\"\U0001F600\"")]
    public void Solidus_DEL_html_characters_and_non_ASCII_are_written_raw(string value, string expected)
    {
        Serialize(value).ShouldBe(expected);
    }

    [Fact]
    public void Every_control_character_has_exactly_one_escape()
    {
        var shortForms = new Dictionary<int, string> { [8] = "\\b", [9] = "\\t", [10] = "\\n", [12] = "\\f", [13] = "\\r" };

        for (var c = 0; c < 0x20; c++)
        {
            var expected = shortForms.TryGetValue(c, out var shortForm) ? shortForm : $"\\u{c:x4}";
            Serialize(((char)c).ToString()).ShouldBe($"\"{expected}\"", $"U+{c:X4}");
        }
    }

    [Fact]
    public void Surrogate_pair_is_written_as_one_four_byte_UTF8_sequence()
    {
        CanonicalJson.Serialize(JsonValue.Create("\ud83d\ude00"))
            .ShouldBe(new byte[] { 0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22 });
    }

    // Given as UTF-16 code units: a lone surrogate cannot survive xUnit's UTF-8 handling of string arguments.
    [Theory]
    [InlineData(new[] { 0xD800 }, 0, "U+D800")]
    [InlineData(new[] { 'a', 'b', 0xDC00 }, 2, "U+DC00")]
    [InlineData(new[] { 0xDE00, 0xD83D }, 0, "U+DE00")]
    [InlineData(new[] { 'x', 0xD83D }, 1, "U+D83D")]
    public void Unpaired_surrogate_in_a_value_is_refused(int[] codeUnits, int index, string named)
    {
        var value = new string(codeUnits.Select(unit => (char)unit).ToArray());
        var error = Should.Throw<CanonicalJsonException>(() => CanonicalJson.Serialize(new JsonArray(true, value)));

        error.Code.ShouldBe(CanonicalJsonErrorCode.LoneSurrogate);
        error.JsonPath.ShouldBe("$[1]");
        error.BytePosition.ShouldBe("[true,".Length);
        error.Message.ShouldContain(named);
        error.Message.ShouldContain($"index {index}");
    }

    [Fact]
    public void Unpaired_surrogate_in_a_member_name_is_refused()
    {
        var error = Should.Throw<CanonicalJsonException>(() => CanonicalJson.Serialize(new JsonObject { ["a\ud800"] = 1 }));

        error.Code.ShouldBe(CanonicalJsonErrorCode.LoneSurrogate);
        error.BytePosition.ShouldBe(1);
    }

    [Fact]
    public void Escaped_unpaired_surrogate_held_by_a_JsonElement_is_refused()
    {
        var node = JsonNode.Parse("""["\ud800"]""");

        var error = Should.Throw<CanonicalJsonException>(() => CanonicalJson.Serialize(node));

        error.Code.ShouldBe(CanonicalJsonErrorCode.LoneSurrogate);
        error.JsonPath.ShouldBe("$[0]");
    }

    private static string Serialize(string value) => Encoding.UTF8.GetString(CanonicalJson.Serialize(JsonValue.Create(value)));
}
