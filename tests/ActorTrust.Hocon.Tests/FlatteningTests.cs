using Microsoft.Extensions.Configuration;
using static ActorTrust.Hocon.Tests.HoconTestSupport;

namespace ActorTrust.Hocon.Tests;

/// <summary>How resolved HOCON becomes configuration keys and values, mirroring the JSON provider.</summary>
public sealed class FlatteningTests
{
    [Fact]
    public void Objects_become_sections_joined_by_colons()
    {
        ShouldLoadAs("actortrust { journal { batch-size = 500 } }", ("actortrust:journal:batch-size", "500"));
    }

    [Fact]
    public void Array_elements_become_numbered_children()
    {
        ShouldLoadAs(
            "a = [x, [1, 2], { k = v }]",
            ("a:0", "x"), ("a:1:0", "1"), ("a:1:1", "2"), ("a:2:k", "v"));
    }

    [Fact]
    public void Null_becomes_a_null_value_that_is_still_listed()
    {
        var config = Build("a = null");
        config.AsEnumerable().ShouldContain(new KeyValuePair<string, string?>("a", null));
        config["a"].ShouldBeNull();
    }

    [Fact]
    public void Empty_objects_and_arrays_become_empty_strings()
    {
        ShouldLoadAs("a = {}\nb = []\nc { d {} }", ("a", string.Empty), ("b", string.Empty), ("c:d", string.Empty));
    }

    [Fact]
    public void Empty_document_has_no_settings()
    {
        Load(string.Empty).ShouldBeEmpty();
        Load("# only a comment\n").ShouldBeEmpty();
        Load("{}").ShouldBeEmpty();
    }

    [Fact]
    public void Keys_that_differ_only_in_case_are_rejected()
    {
        Fails("a { Port = 1, port = 2 }").Problem.ShouldContain("collide");
    }

    [Fact]
    public void Quoted_key_with_a_colon_that_collides_with_a_section_is_rejected()
    {
        Fails("a { b = 1 }\n\"a:b\" = 2").Problem.ShouldContain("collide");
    }

    [Fact]
    public void Later_providers_override_hocon_settings_key_by_key()
    {
        var config = new ConfigurationBuilder()
            .AddHoconString("a { b = 1, c = 2 }")
            .AddInMemoryCollection(new Dictionary<string, string?> { ["a:b"] = "10" })
            .Build();
        config["a:b"].ShouldBe("10");
        config["a:c"].ShouldBe("2");
    }
}
