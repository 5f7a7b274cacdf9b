using static ActorTrust.Hocon.Tests.HoconTestSupport;

namespace ActorTrust.Hocon.Tests;

/// <summary>"Self-Referential Substitutions" and "The += field separator" sections of the specification.</summary>
public sealed class SelfReferenceTests
{
    [Fact]
    public void Self_referential_substitution_appends_to_previous_value()
    {
        ShouldLoadAs("path : \"a:b:c\"\npath : ${path}\":d\"", ("path", "a:b:c:d"));
    }

    [Fact]
    public void Self_referential_search_path_extends_the_earlier_value()
    {
        ShouldLoadAs("path = /usr/local/bin\npath = ${path}\":/bin\"", ("path", "/usr/local/bin:/bin"));
    }

    [Fact]
    public void Self_referential_array_concatenation_uses_the_previous_array()
    {
        ShouldLoadAs("a = [1, 2]\na = ${a} [3]", ("a:0", "1"), ("a:1", "2"), ("a:2", "3"));
    }

    [Fact]
    public void Self_reference_after_an_object_resolves_to_the_overridden_object()
    {
        ShouldLoadAs("foo : { a : 1 }\nfoo : ${foo}", ("foo:a", "1"));
    }

    [Fact]
    public void Self_reference_before_any_value_is_undefined()
    {
        Fails("foo : ${foo}\nfoo : { a : 1 }").Problem.ShouldContain("could not resolve substitution ${foo}");
    }

    [Fact]
    public void Self_reference_with_no_earlier_value_is_an_error()
    {
        Fails("foo : ${foo} // an error").Problem.ShouldContain("cycle foo -> foo");
    }

    [Fact]
    public void Optional_self_reference_with_no_earlier_value_silently_disappears()
    {
        ShouldLoadAs("x = 1\nfoo : ${?foo}", ("x", "1"));
    }

    [Fact]
    public void Self_reference_hidden_by_a_later_value_is_ignored()
    {
        ShouldLoadAs("foo : ${foo}, foo : 42", ("foo", "42"));
    }

    [Fact]
    public void Self_reference_into_a_path_resolves_below_the_current_definition()
    {
        ShouldLoadAs("foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }", ("foo:a", "2"), ("foo:c", "1"));
    }

    [Fact]
    public void Optional_self_reference_in_a_concatenation_looks_back_to_nothing()
    {
        ShouldLoadAs("a = ${?a}foo", ("a", "foo"));
    }

    [Fact]
    public void Self_reference_nested_inside_an_object_looks_back_too()
    {
        ShouldLoadAs("x { a = [1] }\nx { a = ${x.a} [2] }", ("x:a:0", "1"), ("x:a:1", "2"));
    }

    [Fact]
    public void Fields_referring_to_each_other_after_earlier_values_agree()
    {
        var data = Load("a : 1\nb : 2\na : ${b}\nb : ${a}");
        data["a"].ShouldBe(data["b"]);
    }

    [Fact]
    public void Plus_equals_as_first_mention_creates_an_array()
    {
        ShouldLoadAs("a += b", ("a:0", "b"));
    }

    [Fact]
    public void Plus_equals_appends_to_the_previous_array()
    {
        ShouldLoadAs("a = [1]\na += 2\na += 3", ("a:0", "1"), ("a:1", "2"), ("a:2", "3"));
    }

    [Fact]
    public void Plus_equals_is_the_long_form_with_an_optional_self_reference()
    {
        ShouldBeEquivalent("a = [x]\na += b", "a = [x]\na = ${?a} [b]");
    }

    [Fact]
    public void Plus_equals_works_on_dotted_keys_and_inside_objects()
    {
        ShouldLoadAs(
            "akka.extensions += one\nakka { extensions += two }\nakka.extensions += { name = three }",
            ("akka:extensions:0", "one"), ("akka:extensions:1", "two"), ("akka:extensions:2:name", "three"));
    }

    [Fact]
    public void Plus_equals_onto_a_non_array_is_an_error()
    {
        Fails("a = 1\na += 2").Problem.ShouldContain("cannot concatenate a number with an array");
    }

    [Fact]
    public void Circular_substitutions_are_an_error_that_names_the_cycle()
    {
        Fails("bar : ${foo}\nfoo : ${bar}").Problem.ShouldContain("substitution cycle bar -> foo -> bar");
    }

    [Fact]
    public void Multi_step_substitution_loop_is_an_error()
    {
        Fails("a : ${b}\nb : ${c}\nc : ${a}").Problem.ShouldContain("substitution cycle a -> b -> c -> a");
    }

    [Fact]
    public void Object_containing_a_reference_to_itself_is_an_unbreakable_cycle()
    {
        Fails("a : { b : ${a} }").Problem.ShouldContain("substitution cycle");
    }

    [Fact]
    public void Array_containing_a_reference_to_itself_is_an_unbreakable_cycle()
    {
        Fails("a : [${a}]").Problem.ShouldContain("substitution cycle");
    }

    [Fact]
    public void Optional_substitutions_in_a_cycle_are_treated_as_missing()
    {
        ShouldLoadAs("x = 1\nfoo : ${?bar}\nbar : ${?foo}", ("x", "1"));
    }
}
