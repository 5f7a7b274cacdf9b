using System.Text.Json;

namespace ActorTrust.Cli.Tests;

public sealed class ConfigCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Print_shows_reference_defaults_overridden_by_the_config_file()
    {
        File.WriteAllText(_cli.PathOf("node.conf"), "actortrust.limits.json.max-depth = 32");

        var (exit, output, _) = await _cli.Run("config", "print", "--config", _cli.PathOf("node.conf"), "--json");

        exit.ShouldBe(0);
        var json = JsonDocument.Parse(output).RootElement;
        json.GetProperty("actortrust.limits.json.max-depth").GetString().ShouldBe("32");
        json.GetProperty("actortrust.limits.envelope.max-signatures").GetString().ShouldBe("16");
    }

    [Fact]
    public async Task Print_redacts_secrets()
    {
        File.WriteAllText(_cli.PathOf("node.conf"), """
            actortrust.store { connection-string = "Host=db;Password=hunter2", password = hunter2, api-token = abc }
            """);

        var (exit, output, _) = await _cli.Run("config", "print", "--config", _cli.PathOf("node.conf"));

        exit.ShouldBe(0);
        output.ShouldNotContain("hunter2");
        output.ShouldNotContain("abc");
        output.ShouldContain("actortrust.store.password = <redacted>");
    }

    [Fact]
    public async Task Print_redacts_every_element_of_a_secret_list_and_every_member_of_a_secret_object()
    {
        File.WriteAllText(_cli.PathOf("node.conf"), """
            actortrust.auth { tokens = ["tok-one", "tok-two"], credentials { admin = "cred-admin" }, realm = visible }
            """);

        var (exit, output, _) = await _cli.Run("config", "print", "--config", _cli.PathOf("node.conf"));

        exit.ShouldBe(0);
        output.ShouldNotContain("tok-one");
        output.ShouldNotContain("tok-two");
        output.ShouldNotContain("cred-admin");
        output.ShouldContain("actortrust.auth.tokens.0 = <redacted>");
        output.ShouldContain("actortrust.auth.realm = visible");
    }

    [Fact]
    public async Task Print_of_a_malformed_file_names_the_line_and_column()
    {
        File.WriteAllText(_cli.PathOf("bad.conf"), "a {\n  b = \n");

        var (exit, _, error) = await _cli.Run("config", "print", "--config", _cli.PathOf("bad.conf"));

        exit.ShouldBe(1);
        error.ShouldMatch(@"bad\.conf:\d+:\d+: ");
    }

    [Fact]
    public async Task Print_of_a_missing_file_fails()
    {
        (await _cli.Run("config", "print", "--config", _cli.PathOf("none.conf"))).Exit.ShouldBe(1);
    }
}
