using ActorTrust.Hocon.Model;
using static ActorTrust.Hocon.Tests.HoconTestSupport;

namespace ActorTrust.Hocon.Tests;

/// <summary>The "Value concatenation" section of the specification.</summary>
public sealed class ConcatenationTests
{
    [Fact]
    public void Unquoted_concatenation_equals_the_quoted_string()
    {
        ShouldBeEquivalent("a = foo bar", "a = \"foo bar\"");
        Load("a = foo bar")["a"]!.Length.ShouldBe(7);
    }

    [Fact]
    public void Whitespace_between_simple_values_is_preserved_and_around_them_discarded()
    {
        ShouldLoadAs("a =   \"x\"   y\t\"z\"   ", ("a", "x   y\tz"));
    }

    [Fact]
    public void Non_string_values_in_a_concatenation_become_their_written_text()
    {
        ShouldLoadAs("a = true foo\nb = 1e5 items\nc = null x\nd = 1 2 3", ("a", "true foo"), ("b", "1e5 items"), ("c", "null x"), ("d", "1 2 3"));
    }

    [Fact]
    public void A_single_value_keeps_its_type()
    {
        var root = Resolve("a = true\nb = 42\nc = true foo");
        root.Get("a").ShouldBeOfType<ScalarNode>().Kind.ShouldBe(ScalarKind.Boolean);
        root.Get("b").ShouldBeOfType<ScalarNode>().Kind.ShouldBe(ScalarKind.Number);
        root.Get("c").ShouldBeOfType<ScalarNode>().Kind.ShouldBe(ScalarKind.String);
    }

    [Fact]
    public void Concatenation_does_not_span_a_newline()
    {
        ShouldLoadAs("a = foo\nbar = baz", ("a", "foo"), ("bar", "baz"));
    }

    [Fact]
    public void Adjacent_objects_merge_like_duplicate_fields()
    {
        var expected = Load("a : { b : 1, c : 2 }");
        Load("a : { b : 1 } { c : 2 }").ShouldBe(expected);
        Load("a : { b : 1 }\na : { c : 2 }").ShouldBe(expected);
    }

    [Fact]
    public void Adjacent_arrays_concatenate()
    {
        var expected = Load("a : [ 1, 2, 3, 4 ]");
        Load("a : [ 1, 2 ] [ 3, 4 ]").ShouldBe(expected);
        Load("a : [ 1, 2 ]\na : ${a} [ 3, 4 ]").ShouldBe(expected);
    }

    [Fact]
    public void Object_concatenation_with_a_substitution_gives_inheritance()
    {
        ShouldLoadAs(
            """
            data-center-generic = { cluster-size = 6 }
            data-center-east = ${data-center-generic} { name = "east" }
            """,
            ("data-center-generic:cluster-size", "6"),
            ("data-center-east:cluster-size", "6"),
            ("data-center-east:name", "east"));
    }

    [Fact]
    public void Array_concatenation_with_a_substitution_adds_to_a_path()
    {
        ShouldLoadAs("path = [ /bin ]\npath = ${path} [ /usr/bin ]", ("path:0", "/bin"), ("path:1", "/usr/bin"));
    }

    [Fact]
    public void Array_elements_separated_only_by_spaces_concatenate_into_one_string()
    {
        ShouldLoadAs("a = [ 1 2 3 4 ]", ("a:0", "1 2 3 4"));
        ShouldLoadAs("a = [ 1\n  2\n  3\n  4 ]", ("a:0", "1"), ("a:1", "2"), ("a:2", "3"), ("a:3", "4"));
    }

    [Fact]
    public void Arrays_on_one_line_inside_an_array_concatenate_into_one_element()
    {
        ShouldLoadAs("a = [ [ 1, 2 ] [ 3, 4 ] ]", ("a:0:0", "1"), ("a:0:1", "2"), ("a:0:2", "3"), ("a:0:3", "4"));
        ShouldLoadAs("a = [ [ 1, 2 ]\n  [ 3, 4 ] ]", ("a:0:0", "1"), ("a:0:1", "2"), ("a:1:0", "3"), ("a:1:1", "4"));
    }

    [Fact]
    public void Concatenation_mixes_unquoted_text_and_substitutions_in_array_elements()
    {
        ShouldLoadAs(
            "name = Ada, world = Earth, a = ${b}, b = A, x = X, y = Y\nl = [ This is an unquoted string my name is ${name}, Hello ${world} ]\nm = [ ${a} ${b}, ${x} ${y} ]",
            ("name", "Ada"), ("world", "Earth"), ("a", "A"), ("b", "A"), ("x", "X"), ("y", "Y"),
            ("l:0", "This is an unquoted string my name is Ada"), ("l:1", "Hello Earth"),
            ("m:0", "A A"), ("m:1", "X Y"));
    }

    [Fact]
    public void Substitution_in_unquoted_or_quoted_concatenation_becomes_part_of_the_string()
    {
        ShouldLoadAs(
            "animal.favorite = cat\nkey : ${animal.favorite} is my favorite animal\nquoted : ${animal.favorite}\" is my favorite animal\"",
            ("animal:favorite", "cat"), ("key", "cat is my favorite animal"), ("quoted", "cat is my favorite animal"));
    }

    [Fact]
    public void Substitutions_are_not_parsed_inside_quoted_strings()
    {
        ShouldLoadAs("a = \"${b}\"", ("a", "${b}"));
    }

    [Theory]
    [InlineData("a = [1] foo")]
    [InlineData("a = { x = 1 } [2]")]
    [InlineData("a = x { y = 1 }")]
    [InlineData("b = [1]\na = ${b} foo")]
    public void Mixing_arrays_objects_and_strings_is_an_error(string text)
    {
        Fails(text).Problem.ShouldContain("cannot concatenate");
    }
}
