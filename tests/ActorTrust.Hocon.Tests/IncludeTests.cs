using Microsoft.Extensions.Configuration;
using static ActorTrust.Hocon.Tests.HoconTestSupport;

namespace ActorTrust.Hocon.Tests;

/// <summary>The "Includes" section of the specification, with files in a unique temporary directory.</summary>
public sealed class IncludeTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static IConfigurationRoot BuildFile(string path) => new ConfigurationBuilder().AddHoconFile(path).Build();

    [Fact]
    public void Include_resolves_relative_to_the_including_file_not_the_working_directory()
    {
        directory.Write("conf/common.conf", "shared = from-common");
        var main = directory.Write("conf/node.conf", "include \"common.conf\"\nown = 1");

        var config = BuildFile(main);

        config["shared"].ShouldBe("from-common");
        config["own"].ShouldBe("1");
        Directory.GetCurrentDirectory().ShouldNotBe(Path.Combine(directory.Path, "conf"));
    }

    [Fact]
    public void Include_file_form_loads_the_named_file()
    {
        directory.Write("x.conf", "a = 1");
        BuildFile(directory.Write("main.conf", "include file(\"x.conf\")"))["a"].ShouldBe("1");
    }

    [Fact]
    public void Nested_includes_resolve_relative_to_each_included_file()
    {
        directory.Write("sub/deeper.conf", "deep = yes");
        directory.Write("sub/inner.conf", "include \"deeper.conf\"\ninner = yes");
        var config = BuildFile(directory.Write("main.conf", "include \"sub/inner.conf\""));
        config["deep"].ShouldBe("yes");
        config["inner"].ShouldBe("yes");
    }

    [Fact]
    public void Include_may_reach_a_parent_directory()
    {
        directory.Write("common.conf", "shared = 1");
        BuildFile(directory.Write("nodes/a.conf", "include \"../common.conf\""))["shared"].ShouldBe("1");
    }

    [Fact]
    public void Missing_include_is_silently_ignored()
    {
        BuildFile(directory.Write("main.conf", "include \"missing.conf\"\na = 1"))["a"].ShouldBe("1");
    }

    [Theory]
    [InlineData("include required(file(\"missing.conf\"))")]
    [InlineData("include required(\"missing.conf\")")]
    [InlineData("include required( file( \"missing.conf\" ) )")]
    public void Missing_required_include_is_an_error(string statement)
    {
        var error = Should.Throw<InvalidDataException>(() => BuildFile(directory.Write("main.conf", "a = 1\n" + statement)));
        var hocon = error.InnerException.ShouldBeOfType<HoconException>();
        hocon.Problem.ShouldContain("required include \"missing.conf\" was not found");
        (hocon.File, hocon.Line, hocon.Column).ShouldBe(("main.conf", 2, 1));
    }

    [Fact]
    public void Required_include_that_exists_is_loaded()
    {
        directory.Write("x.conf", "a = 1");
        BuildFile(directory.Write("main.conf", "include required(file(\"x.conf\"))"))["a"].ShouldBe("1");
    }

    [Theory]
    [InlineData("include url(\"https://example.com/x.conf\")", "include url(")]
    [InlineData("include \"https://example.com/x.conf\"", "include url(")]
    [InlineData("include classpath(\"reference.conf\")", "include classpath(")]
    [InlineData("include required(classpath(\"reference.conf\"))", "include classpath(")]
    public void Url_and_classpath_includes_are_rejected_as_unsupported(string statement, string expected)
    {
        var error = Fails(statement);
        error.Problem.ShouldContain(expected);
        error.Problem.ShouldContain("is not supported");
    }

    [Theory]
    [InlineData("include")]
    [InlineData("include x.conf")]
    [InlineData("include file(x.conf)")]
    [InlineData("include \"a\" \"b\"")]
    [InlineData("include file(\"a\"")]
    [InlineData("include = 1")]
    public void Include_without_a_single_quoted_name_is_an_error(string statement)
    {
        Fails(statement).Problem.ShouldContain("include must be followed by a quoted name");
    }

    [Fact]
    public void Include_cycles_are_detected()
    {
        directory.Write("b.conf", "include \"a.conf\"");
        var a = directory.Write("a.conf", "include \"b.conf\"");
        var error = Should.Throw<InvalidDataException>(() => BuildFile(a)).InnerException.ShouldBeOfType<HoconException>();
        error.Problem.ShouldContain("include cycle");
        error.Problem.ShouldContain("b.conf -> ");
    }

    [Fact]
    public void Included_keys_override_earlier_keys_and_later_keys_override_included_ones()
    {
        directory.Write("inc.conf", "a = included, b = included, c { x = 1 }");
        var config = BuildFile(directory.Write("main.conf", "a = before\nc { y = 2 }\ninclude \"inc.conf\"\nb = after"));
        config["a"].ShouldBe("included");
        config["b"].ShouldBe("after");
        config["c:x"].ShouldBe("1");
        config["c:y"].ShouldBe("2");
    }

    [Fact]
    public void Substitutions_in_an_included_file_are_fixed_up_to_the_include_location()
    {
        directory.Write("foo.conf", "{ x : 10, y : ${x} }");
        var config = BuildFile(directory.Write("main.conf", "{ a : { include \"foo.conf\" } }"));
        config["a:x"].ShouldBe("10");
        config["a:y"].ShouldBe("10");
    }

    [Fact]
    public void Fixed_up_substitution_sees_a_later_override_in_the_including_file()
    {
        directory.Write("foo.conf", "{ x : 10, y : ${x} }");
        var config = BuildFile(directory.Write("main.conf", "{\n    a : { include \"foo.conf\" }\n    a : { x : 42 }\n}"));
        config["a:y"].ShouldBe("42");
    }

    [Fact]
    public void Substitution_in_an_included_file_falls_back_to_the_root_path()
    {
        directory.Write("foo.conf", "port = ${base-port}");
        var config = BuildFile(directory.Write("main.conf", "base-port = 2552\nremote { include \"foo.conf\" }"));
        config["remote:port"].ShouldBe("2552");
    }

    [Fact]
    public void Included_file_with_an_array_root_is_an_error()
    {
        directory.Write("list.conf", "[1, 2]");
        var error = Should.Throw<InvalidDataException>(() => BuildFile(directory.Write("main.conf", "include \"list.conf\"")));
        error.InnerException.ShouldBeOfType<HoconException>().Problem.ShouldContain("must be an object");
    }

    [Fact]
    public void Include_without_extension_loads_json_then_conf()
    {
        directory.Write("base.json", "{ \"a\": \"json\", \"b\": \"json\" }");
        directory.Write("base.conf", "b = conf");
        var config = BuildFile(directory.Write("main.conf", "include \"base\""));
        config["a"].ShouldBe("json");
        config["b"].ShouldBe("conf");
    }

    [Fact]
    public void Error_in_an_included_file_reports_that_file_and_line()
    {
        var included = directory.Write("bad.conf", "ok = 1\nbroken\n");
        var error = Should.Throw<InvalidDataException>(() => BuildFile(directory.Write("main.conf", "include \"bad.conf\"")));
        var hocon = error.InnerException.ShouldBeOfType<HoconException>();
        (hocon.File, hocon.Line, hocon.Column).ShouldBe((included, 2, 7));
    }

    [Fact]
    public void Relative_include_from_a_string_document_is_an_error()
    {
        Fails("include \"x.conf\"").Problem.ShouldContain("cannot include relative path");
    }

    [Fact]
    public void Absolute_include_from_a_string_document_is_loaded()
    {
        var path = directory.Write("abs.conf", "a = 1");
        ShouldLoadAs($"include file(\"{path.Replace("\\", "\\\\", StringComparison.Ordinal)}\")", ("a", "1"));
    }

    [Fact]
    public void Includes_resolve_inside_a_file_provider_without_physical_paths()
    {
        var provider = new InMemoryFileProvider(new Dictionary<string, string>
        {
            ["conf/node.conf"] = "include \"parts/journal.conf\"\nname = n1",
            ["conf/parts/journal.conf"] = "journal.batch-size = 500",
        });
        var config = new ConfigurationBuilder().AddHoconFile(provider, "conf/node.conf", optional: false, reloadOnChange: false).Build();
        config["name"].ShouldBe("n1");
        config["journal:batch-size"].ShouldBe("500");
    }

    [Fact]
    public void Missing_optional_file_adds_nothing()
    {
        var config = new ConfigurationBuilder().AddHoconFile(Path.Combine(directory.Path, "absent.conf"), optional: true).Build();
        config.AsEnumerable().ShouldBeEmpty();
    }
}
