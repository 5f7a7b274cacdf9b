using Microsoft.Extensions.Configuration;
using static ActorTrust.Hocon.Tests.HoconTestSupport;

namespace ActorTrust.Hocon.Tests;

/// <summary>Malformed input is rejected with a <see cref="HoconException"/> that points at the problem.</summary>
public sealed class ParseErrorTests
{
    [Fact]
    public void Key_without_separator_reports_file_line_and_column()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("node.conf", "actortrust {\n  journal {\n    batch-size = 500\n    foo\n  }\n}\n");

        var error = Should.Throw<InvalidDataException>(() => new ConfigurationBuilder().AddHoconFile(path).Build());

        var hocon = error.InnerException.ShouldBeOfType<HoconException>();
        hocon.Message.ShouldBe("node.conf:4:8: expected '=' or ':' after key \"foo\"");
        (hocon.File, hocon.Line, hocon.Column).ShouldBe(("node.conf", 4, 8));
    }

    [Fact]
    public void String_documents_are_reported_as_string()
    {
        Should.Throw<HoconException>(() => Build("a = 1\nb = \"open")).Message.ShouldBe("<string>:2:5: unterminated quoted string: expected a closing '\"'");
    }

    [Theory]
    [InlineData("a = \"abc", 1, 5)]
    [InlineData("a = 1\n  b = \"x\\qy\"", 2, 9)]
    [InlineData("a {\n  b = 1\n", 3, 1)]
    [InlineData("a = [1,\n 2", 2, 3)]
    [InlineData("a = 1\n\n   b c d\n", 3, 9)]
    [InlineData("a = {\n x = 1 }\n}", 3, 1)]
    [InlineData("a = 1\nb = x@y", 2, 6)]
    [InlineData("a = ${b", 1, 5)]
    public void Error_position_is_the_offending_line_and_column(string text, int line, int column)
    {
        var error = Fails(text);
        (error.Line, error.Column).ShouldBe((line, column));
        error.Message.ShouldStartWith($"<string>:{line}:{column}: ");
    }

    public static TheoryData<string, string, string> MalformedInputs => new()
    {
        { "unterminated string", "a = \"abc", "unterminated quoted string" },
        { "string spanning lines", "a = \"abc\ndef\"", "may not span lines" },
        { "unterminated triple-quoted string", "a = \"\"\"abc", "unterminated triple-quoted string" },
        { "unclosed brace", "a { b = 1", "unbalanced '{'" },
        { "unopened brace", "a = 1 }", "unbalanced '}'" },
        { "unclosed root brace", "{ a = 1", "unbalanced '{'" },
        { "unclosed bracket", "a = [1, 2", "unbalanced '['" },
        { "bracket closing a brace", "a = { b = 1 ]", "expected ',', a new line or '}'" },
        { "bad escape", "a = \"\\x\"", "bad escape sequence '\\x'" },
        { "short unicode escape", "a = \"\\u12\"", "four hexadecimal digits" },
        { "raw control character", "a = \"x\u0001y\"", "control character U+0001" },
        { "key without value at end", "a =", "expected a value for key \"a\"" },
        { "key without value before brace", "a { b = }", "expected a value for key \"b\"" },
        { "key without separator", "a", "expected '=' or ':' after key \"a\"" },
        { "value without key", "= 1", "expected a key" },
        { "unexpected colon in value", "a = b:c", "unexpected ':' in a value" },
        { "substitution in key", "${x} = 1", "not allowed in keys" },
        { "unterminated substitution", "a = ${b", "unterminated substitution" },
        { "empty substitution", "a = ${}", "empty path expression" },
        { "lone plus", "a = 1 + 2", "'+=' separator" },
        { "root array", "[1, 2]", "must be an object" },
        { "text after root object", "{ a = 1 } b = 2", "after the closing '}'" },
        { "plus-equals in array element", "a = [ { b += 1 } ]", "'+=' cannot be used" },
        { "empty path element", "a..b = 1", "path element is empty" },
        { "reserved character in key", "a` = 1", "reserved" },
    };

    [Theory]
    [MemberData(nameof(MalformedInputs))]
    public void Malformed_input_is_rejected_with_a_hocon_exception(string description, string text, string expected)
    {
        var error = Fails(text);
        error.Problem.ShouldContain(expected, customMessage: description);
        error.Line.ShouldBeGreaterThan(0, description);
    }

    [Fact]
    public void Objects_nested_deeper_than_the_limit_are_rejected()
    {
        var text = "a = " + string.Concat(Enumerable.Repeat("{ b = ", 64)) + "1" + new string('}', 64);
        Fails(text).Problem.ShouldContain("nested more than 64 levels");
    }

    [Fact]
    public void Objects_nested_to_the_limit_are_accepted()
    {
        var text = "a = " + string.Concat(Enumerable.Repeat("{ b = ", 63)) + "1" + new string('}', 63);
        Load(text).Count.ShouldBe(1);
    }

    [Fact]
    public void Arrays_nested_deeper_than_the_limit_are_rejected()
    {
        var text = "a = " + new string('[', 65) + new string(']', 65);
        Fails(text).Problem.ShouldContain("nested more than 64 levels");
    }

    [Fact]
    public void Dotted_keys_deeper_than_the_limit_are_rejected()
    {
        var text = string.Join('.', Enumerable.Repeat("k", 65)) + " = 1";
        Fails(text).Problem.ShouldContain("nested more than 64 levels");
    }

    [Fact]
    public void Documents_larger_than_four_mebibytes_are_rejected()
    {
        var text = "a = \"" + new string('x', 4 * 1024 * 1024) + "\"";
        var error = Fails(text);
        error.Problem.ShouldContain("larger than the 4 MiB limit");
        error.Line.ShouldBe(0);
    }

    [Fact]
    public void Files_larger_than_four_mebibytes_are_rejected_before_parsing()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("big.conf", "# " + new string('x', 4 * 1024 * 1024));
        var error = Should.Throw<InvalidDataException>(() => new ConfigurationBuilder().AddHoconFile(path).Build());
        error.InnerException.ShouldBeOfType<HoconException>().Problem.ShouldContain("larger than the 4 MiB limit");
    }

    [Fact]
    public void Files_that_are_not_utf8_are_rejected()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "latin1.conf");
        File.WriteAllBytes(path, [(byte)'a', (byte)'=', 0xE9]);
        var error = Should.Throw<InvalidDataException>(() => new ConfigurationBuilder().AddHoconFile(path).Build());
        error.InnerException.ShouldBeOfType<HoconException>().Problem.ShouldContain("not valid UTF-8");
    }

    [Fact]
    public void Substitution_expanding_beyond_the_limits_is_rejected()
    {
        var lines = new List<string> { "s0 = \"" + new string('x', 1024) + "\"" };
        for (var i = 1; i <= 20; i++)
        {
            lines.Add($"s{i} = ${{s{i - 1}}}${{s{i - 1}}}");
        }

        Fails(string.Join('\n', lines)).Problem.ShouldContain("string concatenation produces more than");
    }
}
