using static ActorTrust.Hocon.Tests.HoconTestSupport;

namespace ActorTrust.Hocon.Tests;

/// <summary>The "Syntax" sections of the HOCON specification, one example per test.</summary>
public sealed class SyntaxTests
{
    [Fact]
    public void Valid_json_loads_as_the_same_data()
    {
        ShouldLoadAs(
            """{ "a": { "b": [1, 2.5, "x", true, null] }, "c": "d", "e": -1e5 }""",
            ("a:b:0", "1"), ("a:b:1", "2.5"), ("a:b:2", "x"), ("a:b:3", "true"), ("a:b:4", null), ("c", "d"), ("e", "-1e5"));
    }

    [Fact]
    public void Hash_and_double_slash_comments_are_ignored_outside_quoted_strings()
    {
        ShouldLoadAs(
            """
            # a comment
            a = 1 // trailing comment
            b = "not # a comment // either"
            // c = 3
            """,
            ("a", "1"), ("b", "not # a comment // either"));
    }

    [Fact]
    public void Root_braces_may_be_omitted()
    {
        ShouldBeEquivalent("a = 1\nb { c = 2 }", "{ a = 1\nb { c = 2 } }");
    }

    [Fact]
    public void Closing_brace_without_an_opening_root_brace_is_invalid()
    {
        Fails("a = 1\n}").Problem.ShouldContain("unbalanced '}'");
    }

    [Fact]
    public void Equals_sign_separates_keys_from_values_like_a_colon()
    {
        ShouldBeEquivalent("a = 1, b = x", "a : 1, b : x");
    }

    [Fact]
    public void Key_followed_by_an_object_needs_no_separator()
    {
        ShouldBeEquivalent("\"foo\" {}", "\"foo\" : {}");
        ShouldLoadAs("foo { bar = 1 }", ("foo:bar", "1"));
    }

    [Fact]
    public void Newlines_separate_fields_and_elements_without_commas()
    {
        ShouldLoadAs("a = 1\nb = 2\nc = [\n  x\n  y\n]", ("a", "1"), ("b", "2"), ("c:0", "x"), ("c:1", "y"));
    }

    [Theory]
    [InlineData("a = [1,2,3,]", "a = [1,2,3]")]
    [InlineData("a = [1\n2\n3]", "a = [1,2,3]")]
    [InlineData("a = { x = 1, y = 2, }", "a = { x = 1, y = 2 }")]
    [InlineData("x = 1, y = 2,", "x = 1\ny = 2")]
    public void A_single_trailing_comma_is_ignored(string text, string equivalent)
    {
        ShouldBeEquivalent(text, equivalent);
    }

    [Theory]
    [InlineData("a = [1,2,3,,]")]
    [InlineData("a = [,1,2,3]")]
    [InlineData("a = [1,,2,3]")]
    [InlineData("a = { x = 1,, y = 2 }")]
    [InlineData("a = { , x = 1 }")]
    [InlineData("x = 1,,")]
    public void Extra_leading_or_repeated_commas_are_invalid(string text)
    {
        Fails(text).Problem.ShouldContain("unexpected ','");
    }

    [Theory]
    [InlineData("\u00A0")]
    [InlineData("\u2007")]
    [InlineData("\u202F")]
    [InlineData("\u2003")]
    [InlineData("\uFEFF")]
    [InlineData("\t")]
    [InlineData("\v")]
    [InlineData("\f")]
    [InlineData("\r")]
    [InlineData("\u001C")]
    [InlineData("\u001F")]
    public void Unicode_separators_and_ascii_control_whitespace_are_whitespace(string space)
    {
        ShouldLoadAs($"{space}a{space}={space}1{space}\nb = 2", ("a", "1"), ("b", "2"));
    }

    [Fact]
    public void Duplicate_non_object_keys_take_the_later_value()
    {
        ShouldLoadAs("a = 1\na = 2", ("a", "2"));
    }

    [Fact]
    public void Unquoted_strings_concatenate_with_their_inner_whitespace()
    {
        ShouldLoadAs("a =  foo bar   baz  ", ("a", "foo bar   baz"));
    }

    [Theory]
    [InlineData("truefoo", "truefoo")]
    [InlineData("footrue", "footrue")]
    [InlineData("10.0bar", "10.0bar")]
    [InlineData("bar10.0", "bar10.0")]
    [InlineData("nullable", "nullable")]
    [InlineData("a/b/c", "a/b/c")]
    [InlineData("localhost:8080", null)]
    public void Initial_keywords_and_numbers_join_the_unquoted_text_that_follows(string value, string? expected)
    {
        if (expected is null)
        {
            Fails($"a = {value}").Problem.ShouldContain("quote strings that contain ':'");
        }
        else
        {
            ShouldLoadAs($"a = {value}", ("a", expected));
        }
    }

    [Theory]
    [InlineData('`')]
    [InlineData('^')]
    [InlineData('?')]
    [InlineData('!')]
    [InlineData('@')]
    [InlineData('*')]
    [InlineData('&')]
    [InlineData('\\')]
    [InlineData('+')]
    [InlineData('$')]
    public void Reserved_characters_are_rejected_in_unquoted_strings_and_allowed_in_quoted_ones(char reserved)
    {
        Fails($"a = x{reserved}y").Column.ShouldBe(6);
        var quoted = reserved == '\\' ? "x\\\\y" : $"x{reserved}y";
        ShouldLoadAs($"a = \"{quoted}\"", ("a", $"x{reserved}y"));
    }

    [Fact]
    public void Unquoted_string_may_not_begin_with_a_hyphen()
    {
        Fails("a = -foo").Problem.ShouldContain("'-' may only start a number");
    }

    [Fact]
    public void Quoted_strings_use_json_escapes()
    {
        ShouldLoadAs("""a = "q\"b\\s\/t\tn\nu\u0041\u00e9" """, ("a", "q\"b\\s/t\tn\nuA\u00e9"));
    }

    [Fact]
    public void Triple_quoted_strings_keep_newlines_and_do_not_interpret_escapes()
    {
        ShouldLoadAs("a = \"\"\"line one\n  \"quoted\" \\n not an escape\n\"\"\"", ("a", "line one\n  \"quoted\" \\n not an escape\n"));
    }

    [Fact]
    public void Extra_quotes_before_the_closing_triple_quote_belong_to_the_string()
    {
        ShouldLoadAs("a = \"\"\"foo\"\"\"\"", ("a", "foo\""));
    }

    [Fact]
    public void Numbers_and_booleans_keep_the_text_they_were_written_with()
    {
        ShouldLoadAs("a = 1e5\nb = -0.50\nc = true\nd = false\ne = 007", ("a", "1e5"), ("b", "-0.50"), ("c", "true"), ("d", "false"), ("e", "007"));
    }

    [Fact]
    public void Include_is_an_ordinary_string_as_a_value_or_later_in_a_key()
    {
        ShouldLoadAs("{ foo : include }", ("foo", "include"));
        ShouldLoadAs("a = [ include ]", ("a:0", "include"));
        ShouldBeEquivalent("{ foo include : 42 }", "{ \"foo include\" : 42 }");
    }

    [Fact]
    public void Quoted_include_is_an_ordinary_key()
    {
        ShouldLoadAs("{ \"include\" : 42 }", ("include", "42"));
    }

    [Fact]
    public void Separator_may_be_followed_by_a_newline_as_in_json()
    {
        ShouldLoadAs("{ \"a\":\n  1 }", ("a", "1"));
    }
}
