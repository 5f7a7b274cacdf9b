using System.Text;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Tests.Json;

/// <summary>Every refusal of the strict reader: its stable code, and the byte position it reports.</summary>
public sealed class ParseRejectionTests
{
    [Theory]
    [InlineData("""{"a":1,"b":2,"a":3}""", 13, "\"a\"")]
    [InlineData("""{"a":1,"\u0061":2}""", 7, "\"a\"")]
    [InlineData("""{"x":{"k":1,"k":2}}""", 12, "\"k\"")]
    [InlineData("""{"\u00e9":1,"é":2}""", 12, "\"\\u00E9\"")]
    public void Duplicate_key_is_refused_after_unescaping(string json, long position, string named)
    {
        var error = Refuse(json, CanonicalJsonErrorCode.DuplicateKey, position);

        error.Message.ShouldStartWith($"duplicate key {named} at byte {position}");
    }

    [Theory]
    [InlineData("""["\ud800"]""", 2)]
    [InlineData("""["ab\udc00"]""", 4)]
    [InlineData("""["\ud800\u0041"]""", 2)]
    [InlineData("""["\ud800x"]""", 2)]
    [InlineData("""["\ud800\n"]""", 2)]
    [InlineData("""["x\ud83d"]""", 3)]
    [InlineData("""["\ude00\ud83d"]""", 2)]
    [InlineData("""["\ud83d\ud83d\ude00"]""", 2)]
    [InlineData("""{"\udbff":1}""", 2)]
    public void Escaped_unpaired_surrogate_is_refused(string json, long position)
    {
        Refuse(json, CanonicalJsonErrorCode.LoneSurrogate, position).Message.ShouldContain("unpaired surrogate");
    }

    [Theory]
    [InlineData(new byte[] { 0x5B, 0x22, 0xC3, 0x28, 0x22, 0x5D }, 2)]
    [InlineData(new byte[] { 0x5B, 0x22, 0xC0, 0xAF, 0x22, 0x5D }, 2)]
    [InlineData(new byte[] { 0x5B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x5D }, 2)]
    [InlineData(new byte[] { 0x5B, 0x22, 0x61, 0xF4, 0x90, 0x80, 0x80, 0x22, 0x5D }, 3)]
    [InlineData(new byte[] { 0x5B, 0x22, 0xE2, 0x82 }, 2)]
    [InlineData(new byte[] { 0x5B, 0x31, 0x2C, 0xFF, 0x5D }, 3)]
    public void Invalid_UTF8_is_refused(byte[] utf8, long position)
    {
        Refuse(utf8, CanonicalJsonErrorCode.InvalidUtf8, position);
    }

    [Fact]
    public void Byte_order_mark_is_refused()
    {
        Refuse([0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'], CanonicalJsonErrorCode.ByteOrderMark, 0);
    }

    [Theory]
    [InlineData("[NaN]", 1)]
    [InlineData("[-Infinity]", 1)]
    [InlineData("[+Infinity]", 1)]
    [InlineData("""{"a":Infinity}""", 5)]
    [InlineData("NaN", 0)]
    public void NaN_and_Infinity_literals_are_refused(string json, long position)
    {
        Refuse(json, CanonicalJsonErrorCode.NonFinite, position);
    }

    [Theory]
    [InlineData("[9007199254740992]", 1)]
    [InlineData("[-9007199254740992]", 1)]
    [InlineData("[9007199254740993]", 1)]
    [InlineData("""{"n":12345678901234567890}""", 5)]
    [InlineData("[1e16]", 1)]
    [InlineData("[9007199254740992.0]", 1)]
    [InlineData("[999999999999999999999e-2]", 1)]
    public void Integer_beyond_the_safe_range_written_as_plain_digits_is_refused(string json, long position)
    {
        Refuse(json, CanonicalJsonErrorCode.IntegerOutOfRange, position).Message.ShouldContain("2^53");
    }

    [Theory]
    [InlineData("[1e309]", 1)]
    [InlineData("[-1e400]", 1)]
    [InlineData("[1, 1.8e308]", 4)]
    public void Number_too_large_for_a_double_is_refused(string json, long position)
    {
        Refuse(json, CanonicalJsonErrorCode.NumberOverflow, position);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("   ", 3)]
    [InlineData("[1,]", 3)]
    [InlineData("""{"a":1,}""", 7)]
    [InlineData("[1 /* note */]", 3)]
    [InlineData("""{"a":1 // note""" + "\n}", 7)]
    [InlineData("[01]", 2)]
    [InlineData("[1.]", 3)]
    [InlineData("{'a':1}", 1)]
    [InlineData("{a:1}", 1)]
    [InlineData("[\"\u0001\"]", 2)]
    [InlineData("[\"\\x\"]", 3)]
    [InlineData("[1", 2)]
    [InlineData("[\n  1,\n  x]", 9)]
    public void Malformed_JSON_comments_and_trailing_commas_are_syntax_errors(string json, long position)
    {
        Refuse(json, CanonicalJsonErrorCode.Syntax, position).Message.ShouldStartWith("invalid JSON");
    }

    [Theory]
    [InlineData("{} {}", 3)]
    [InlineData("[1]x", 3)]
    [InlineData("\"a\" \"b\"", 4)]
    [InlineData("1 2", 2)]
    [InlineData("[1] // note", 4)]
    public void Data_after_the_top_level_value_is_refused(string json, long position)
    {
        Refuse(json, CanonicalJsonErrorCode.TrailingData, position);
    }

    [Fact]
    public void Nesting_deeper_than_MaxDepth_is_refused_at_the_first_excess_bracket()
    {
        var options = new CanonicalJsonReaderOptions { MaxDepth = 3 };

        Refuse("""{"a":[[{"b":1}]]}""", CanonicalJsonErrorCode.TooDeep, 7, options).Message.ShouldContain("deeper than 3");
    }

    [Fact]
    public void Nesting_deeper_than_the_default_of_64_is_refused()
    {
        Refuse(new string('[', 65) + new string(']', 65), CanonicalJsonErrorCode.TooDeep, 64);
    }

    [Fact]
    public void Input_longer_than_MaxBytes_is_refused_before_it_is_read()
    {
        var options = new CanonicalJsonReaderOptions { MaxBytes = 4 };

        Refuse("[1,2]", CanonicalJsonErrorCode.TooLarge, 4, options).Message.ShouldContain("5 bytes");
    }

    [Fact]
    public void Input_longer_than_the_default_of_one_mebibyte_is_refused()
    {
        var json = "\"" + new string('a', 1024 * 1024) + "\"";

        Refuse(json, CanonicalJsonErrorCode.TooLarge, 1024 * 1024);
    }

    [Fact]
    public void Reader_options_out_of_range_are_refused_naming_the_setting()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new CanonicalJsonReaderOptions { MaxDepth = -1 }).ParamName.ShouldBe("MaxDepth");
        Should.Throw<ArgumentOutOfRangeException>(() => new CanonicalJsonReaderOptions { MaxDepth = 1001 }).ParamName.ShouldBe("MaxDepth");
        Should.Throw<ArgumentOutOfRangeException>(() => new CanonicalJsonReaderOptions { MaxBytes = -1 }).ParamName.ShouldBe("MaxBytes");
    }

    [Fact]
    public void Refusal_is_a_FormatException_so_existing_handlers_still_catch_it()
    {
        Should.Throw<FormatException>(() => CanonicalJson.Parse("[1,]"u8.ToArray()));
    }

    private static CanonicalJsonException Refuse(
        string json, CanonicalJsonErrorCode code, long position, CanonicalJsonReaderOptions? options = null) =>
        Refuse(Encoding.UTF8.GetBytes(json), code, position, options);

    private static CanonicalJsonException Refuse(
        byte[] utf8, CanonicalJsonErrorCode code, long position, CanonicalJsonReaderOptions? options = null)
    {
        var error = Should.Throw<CanonicalJsonException>(() => CanonicalJson.Parse(utf8, options));
        error.Code.ShouldBe(code, error.Message);
        error.BytePosition.ShouldBe(position, error.Message);
        error.Message.ShouldContain($"at byte {position}");
        error.JsonPath.ShouldBeNull();
        CanonicalJson.IsCanonical(utf8, options).ShouldBeFalse();
        return error;
    }
}
