using static ActorTrust.Hocon.Tests.HoconTestSupport;

namespace ActorTrust.Hocon.Tests;

/// <summary>The "Path expressions" and "Paths as keys" sections of the specification.</summary>
public sealed class PathExpressionTests
{
    [Fact]
    public void Dotted_key_is_equivalent_to_nested_objects()
    {
        ShouldBeEquivalent("foo.bar : 42", "foo { bar : 42 }");
    }

    [Fact]
    public void Three_element_dotted_key_is_equivalent_to_three_nested_objects()
    {
        ShouldBeEquivalent("foo.bar.baz : 42", "foo { bar { baz : 42 } }");
    }

    [Fact]
    public void Dotted_keys_with_a_common_prefix_merge()
    {
        ShouldBeEquivalent("a.x : 42, a.y : 43", "a { x : 42, y : 43 }");
    }

    [Fact]
    public void Whitespace_inside_a_key_is_kept()
    {
        ShouldBeEquivalent("a b c : 42", "\"a b c\" : 42");
    }

    [Theory]
    [InlineData("true : 42", "true")]
    [InlineData("3 : 42", "3")]
    [InlineData("3.14 : 42", "3:14")]
    [InlineData("foo.bar.\"hello.world\" : 42", "foo:bar:hello.world")]
    [InlineData("10.0foo : 42", "10:0foo")]
    [InlineData("foo10.0 : 42", "foo10:0")]
    [InlineData("foo\"10.0\" : 42", "foo10.0")]
    [InlineData("1.2.3 : 42", "1:2:3")]
    [InlineData("a.\"\".b : 42", "a::b")]
    [InlineData("\"a.b\" = 42", "a.b")]
    [InlineData("actortrust.journal.batch-size = 42", "actortrust:journal:batch-size")]
    public void Keys_are_always_strings_and_only_unquoted_dots_separate_elements(string text, string key)
    {
        ShouldLoadAs(text, (key, "42"));
    }

    [Theory]
    [InlineData("a..b = 1")]
    [InlineData(".a = 1")]
    [InlineData("a. = 1")]
    [InlineData("x = ${a..b}")]
    public void Empty_unquoted_path_elements_are_invalid(string text)
    {
        Fails(text).Problem.ShouldContain("path element is empty");
    }

    [Fact]
    public void Substitution_paths_follow_the_same_rules_as_keys()
    {
        ShouldLoadAs(
            "\"a.b\" { c = 1 }\nx = ${\"a.b\".c}\ny = ${ \"a.b\".c }",
            ("a.b:c", "1"), ("x", "1"), ("y", "1"));
    }

    [Fact]
    public void Substitutions_are_not_allowed_in_keys()
    {
        Fails("${a} = 1").Problem.ShouldContain("not allowed in keys");
    }
}
