using Microsoft.Extensions.Configuration;
using static ActorTrust.Hocon.Tests.HoconTestSupport;

namespace ActorTrust.Hocon.Tests;

/// <summary>The "Substitutions" section of the specification, without self-reference (see <see cref="SelfReferenceTests"/>).</summary>
public sealed class SubstitutionTests
{
    [Fact]
    public void Substitution_looks_forward_to_values_defined_later()
    {
        ShouldLoadAs("a = ${b}\nb = 1", ("a", "1"), ("b", "1"));
    }

    [Fact]
    public void Substitution_uses_the_latest_assigned_value()
    {
        ShouldLoadAs("b = 1\na = ${b}\nb = 2", ("a", "2"), ("b", "2"));
    }

    [Fact]
    public void Substitution_evaluates_to_the_merged_object()
    {
        ShouldLoadAs("b { x = 1 }\na = ${b}\nb { y = 2 }", ("a:x", "1"), ("a:y", "2"), ("b:x", "1"), ("b:y", "2"));
    }

    [Fact]
    public void Substitution_paths_are_absolute_from_the_root()
    {
        ShouldLoadAs("x = top\nouter { x = inner, y = ${x} }", ("x", "top"), ("outer:x", "inner"), ("outer:y", "top"));
    }

    [Fact]
    public void Object_may_refer_to_a_field_within_itself()
    {
        ShouldLoadAs("bar : { foo : 42,\n        baz : ${bar.foo}\n      }", ("bar:foo", "42"), ("bar:baz", "42"));
    }

    [Fact]
    public void Reference_within_an_object_sees_a_later_override()
    {
        ShouldLoadAs("bar : { foo : 42,\n        baz : ${bar.foo}\n      }\nbar : { foo : 43 }", ("bar:foo", "43"), ("bar:baz", "43"));
    }

    [Fact]
    public void Mutually_referring_objects_look_forward()
    {
        ShouldLoadAs(
            """
            // bar.a should end up as 4
            bar : { a : ${foo.d}, b : 1 }
            bar.b = 3
            // foo.c should end up as 3
            foo : { c : ${bar.b}, d : 2 }
            foo.d = 4
            """,
            ("bar:a", "4"), ("bar:b", "3"), ("foo:c", "3"), ("foo:d", "4"));
    }

    [Fact]
    public void Substitution_that_is_the_whole_value_keeps_the_type()
    {
        var root = Resolve("a = [1, 2]\nb = ${a}\nc = { x = 1 }\nd = ${c}");
        root.Get("b").ShouldBeOfType<Model.ArrayNode>().Items.Count.ShouldBe(2);
        root.Get("d").ShouldBeOfType<Model.ObjectNode>().Count.ShouldBe(1);
    }

    [Fact]
    public void Missing_required_substitution_is_an_error_at_its_position()
    {
        var error = Fails("a = 1\nb = x ${nope.nothing}");
        error.Problem.ShouldContain("could not resolve substitution ${nope.nothing}");
        (error.Line, error.Column).ShouldBe((2, 7));
    }

    [Fact]
    public void Missing_optional_substitution_omits_the_field()
    {
        ShouldLoadAs("a = 1\nfoo : ${?bar}", ("a", "1"));
    }

    [Fact]
    public void Missing_optional_substitution_keeps_the_previous_value()
    {
        ShouldLoadAs("foo = 1\nfoo : ${?bar}", ("foo", "1"));
    }

    [Fact]
    public void Field_with_only_missing_optional_substitutions_is_not_created()
    {
        ShouldLoadAs("a = 1\nfoo : ${?bar}${?baz}", ("a", "1"));
    }

    [Fact]
    public void Missing_optional_substitution_in_an_array_adds_no_element()
    {
        ShouldLoadAs("a = [1, ${?nope}, 2]", ("a:0", "1"), ("a:1", "2"));
    }

    [Fact]
    public void Missing_optional_substitution_in_a_string_concatenation_is_empty()
    {
        ShouldLoadAs("a = x${?nope}y", ("a", "xy"));
    }

    [Fact]
    public void Missing_optional_substitution_in_an_array_concatenation_is_an_empty_array()
    {
        ShouldLoadAs("a = ${?nope} [1]", ("a:0", "1"));
    }

    [Fact]
    public void Substitution_of_null_is_null_and_null_in_a_string_is_the_word_null()
    {
        ShouldLoadAs("n = null\na = ${n}\nb = x ${n}", ("n", null), ("a", null), ("b", "x null"));
    }

    [Fact]
    public void Substitution_not_in_the_document_falls_back_to_an_environment_variable()
    {
        var name = "ACTORTRUST_HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "/var/lib/actortrust");
        try
        {
            var config = Build($"data = ${{{name}}}\nlogs = ${{?{name}}}/logs\nmissing = ${{?{name}_MISSING}}");
            config["data"].ShouldBe("/var/lib/actortrust");
            config["logs"].ShouldBe("/var/lib/actortrust/logs");
            config.AsEnumerable().ShouldNotContain(p => p.Key == "missing");
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Setting_in_the_document_hides_the_environment_variable()
    {
        var environment = new Dictionary<string, string> { ["HOME"] = "/home/from-env" };
        Load("HOME = /home/from-config\nh = ${HOME}", environment.GetValueOrDefault)["h"].ShouldBe("/home/from-config");
        Load("HOME : null\nh = ${HOME}", environment.GetValueOrDefault)["h"].ShouldBeNull();
        Load("h = ${HOME}", environment.GetValueOrDefault)["h"].ShouldBe("/home/from-env");
    }

    [Fact]
    public void Environment_variable_set_to_an_empty_string_is_an_empty_string()
    {
        var environment = new Dictionary<string, string> { ["EMPTY"] = string.Empty };
        Load("a = ${EMPTY}", environment.GetValueOrDefault)["a"].ShouldBe(string.Empty);
    }

    [Fact]
    public void Hidden_substitution_is_never_evaluated()
    {
        ShouldLoadAs("foo : ${does-not-exist}\nfoo : 42", ("foo", "42"));
    }
}
