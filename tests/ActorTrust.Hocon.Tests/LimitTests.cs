using static ActorTrust.Hocon.Tests.HoconTestSupport;

namespace ActorTrust.Hocon.Tests;

/// <summary>Large but legitimate documents load; pathological ones fail with a <see cref="HoconException"/> instead of exhausting the process.</summary>
public sealed class LimitTests
{
    [Fact]
    public void Many_dotted_keys_under_one_object_load()
    {
        var text = string.Join('\n', Enumerable.Range(0, 50_000).Select(i => $"actortrust.peers.p{i} = {i}"));
        var data = Load(text);
        data.Count.ShouldBe(50_000);
        data["actortrust:peers:p49999"].ShouldBe("49999");
    }

    [Fact]
    public void Many_object_definitions_over_a_substitution_load()
    {
        var lines = new List<string> { "base { x = 0 }", "a = ${base}" };
        lines.AddRange(Enumerable.Range(0, 20_000).Select(i => $"a.k{i} = {i}"));
        var data = Load(string.Join('\n', lines));
        data["a:x"].ShouldBe("0");
        data["a:k19999"].ShouldBe("19999");
    }

    [Fact]
    public void Hundreds_of_appends_to_one_array_load()
    {
        var text = string.Join('\n', Enumerable.Range(0, 300).Select(i => $"list += {i}"));
        var data = Load(text);
        data.Count.ShouldBe(300);
        data["list:299"].ShouldBe("299");
    }

    [Fact]
    public void Runaway_append_chain_fails_cleanly()
    {
        var text = string.Join('\n', Enumerable.Range(0, 5_000).Select(i => $"l += {i}"));
        Fails(text).Problem.ShouldContain("more than 1024 levels deep");
    }

    [Fact]
    public void Long_chain_of_substitutions_fails_cleanly()
    {
        var lines = Enumerable.Range(0, 10_000).Select(i => $"s{i} = ${{s{i + 1}}}").Append("s10000 = end");
        Fails(string.Join('\n', lines)).Problem.ShouldContain("more than 1024 levels deep");
    }

    [Fact]
    public void Many_includes_of_the_same_file_are_capped()
    {
        using var directory = new TempDirectory();
        var leaf = directory.Write("leaf.conf", "x = 1");
        var text = string.Join('\n', Enumerable.Repeat($"include file(\"{leaf}\")", 300));
        Fails(text).Problem.ShouldContain("more than 256 includes");
    }
}
