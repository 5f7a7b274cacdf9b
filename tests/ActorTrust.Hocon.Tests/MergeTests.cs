using static ActorTrust.Hocon.Tests.HoconTestSupport;

namespace ActorTrust.Hocon.Tests;

/// <summary>The "Duplicate keys and object merging" section and the merging examples of the specification.</summary>
public sealed class MergeTests
{
    [Fact]
    public void Duplicate_object_keys_merge_their_fields()
    {
        ShouldBeEquivalent(
            """
            {
                "foo" : { "a" : 42 },
                "foo" : { "b" : 43 }
            }
            """,
            """
            {
                "foo" : { "a" : 42, "b" : 43 }
            }
            """);
    }

    [Fact]
    public void Intermediate_null_prevents_the_object_merge()
    {
        ShouldBeEquivalent(
            """
            {
                "foo" : { "a" : 42 },
                "foo" : null,
                "foo" : { "b" : 43 }
            }
            """,
            """
            {
                "foo" : { "b" : 43 }
            }
            """);
    }

    [Fact]
    public void Objects_merge_recursively_and_later_simple_values_win()
    {
        ShouldLoadAs(
            """
            a { b { c = 1, d = 2 }, e = 3 }
            a { b { d = 20, f = 4 } }
            """,
            ("a:b:c", "1"), ("a:b:d", "20"), ("a:b:f", "4"), ("a:e", "3"));
    }

    [Fact]
    public void Later_simple_value_replaces_an_earlier_object()
    {
        ShouldLoadAs("a { x = 1 }\na = 42", ("a", "42"));
    }

    [Fact]
    public void Later_object_replaces_an_earlier_simple_value()
    {
        ShouldLoadAs("a = 42\na { y = 2 }", ("a:y", "2"));
    }

    [Fact]
    public void Later_array_replaces_an_earlier_array()
    {
        ShouldLoadAs("a = [1, 2, 3]\na = [4]", ("a:0", "4"));
    }

    [Fact]
    public void Non_adjacent_objects_do_not_merge_across_a_simple_value()
    {
        // The specification's file-merging example, written as successive definitions (fallbacks first).
        ShouldLoadAs("a : { y : 2 }\na : 42\na : { x : 1 }", ("a:x", "1"));
    }

    [Fact]
    public void Adjacent_objects_merge_when_the_simple_value_comes_first()
    {
        ShouldLoadAs("a : 42\na : { y : 2 }\na : { x : 1 }", ("a:x", "1"), ("a:y", "2"));
    }

    [Fact]
    public void Dotted_key_merges_into_an_existing_object()
    {
        ShouldLoadAs("a { b = 1 }\na.c = 2\na.b = 3", ("a:b", "3"), ("a:c", "2"));
    }
}
