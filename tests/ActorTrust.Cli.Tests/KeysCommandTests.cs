using System.Text.Json;

namespace ActorTrust.Cli.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeysCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Generate_creates_a_0600_key_file_and_never_prints_the_seed()
    {
        var path = _cli.PathOf("op.key");

        var (exit, output, _) = await _cli.Run("keys", "generate", "--out", path, "--label", "operator");

        exit.ShouldBe(0);
        File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var seed = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("seed").GetString()!;
        output.ShouldNotContain(seed);
        output.ShouldContain("key id:     sha256:");
    }

    [Fact]
    public async Task Show_prints_public_key_and_key_id_as_json_without_the_seed()
    {
        var path = _cli.PathOf("op.key");
        await _cli.Run("keys", "generate", "--out", path);

        var (exit, output, _) = await _cli.Run("keys", "show", path, "--json");

        exit.ShouldBe(0);
        var json = JsonDocument.Parse(output).RootElement;
        json.GetProperty("key_id").GetString().ShouldStartWith("sha256:");
        json.GetProperty("public_key").GetString()!.Length.ShouldBe(64);
        output.ShouldNotContain(JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("seed").GetString()!);
    }

    [Fact]
    public async Task Generate_refuses_to_overwrite_an_existing_key_without_force()
    {
        var path = _cli.PathOf("op.key");
        await _cli.Run("keys", "generate", "--out", path);
        var before = File.ReadAllText(path);

        var (exit, _, error) = await _cli.Run("keys", "generate", "--out", path);

        exit.ShouldBe(1);
        error.ShouldStartWith("actortrust: ");
        error.Trim().ShouldNotContain("\n");
        File.ReadAllText(path).ShouldBe(before);
    }

    [Fact]
    public async Task Show_of_a_tampered_key_file_fails_with_one_line()
    {
        var path = _cli.PathOf("op.key");
        await _cli.Run("keys", "generate", "--out", path);
        var text = File.ReadAllText(path);
        var publicKey = JsonDocument.Parse(text).RootElement.GetProperty("public_key").GetString()!;
        File.WriteAllText(path, text.Replace(publicKey, new string('a', 64), StringComparison.Ordinal));

        var (exit, _, error) = await _cli.Run("keys", "show", path);

        exit.ShouldBe(1);
        error.ShouldContain("does not match");
    }

    [Fact]
    public async Task Show_of_a_missing_file_fails_with_one_line()
    {
        var (exit, output, error) = await _cli.Run("keys", "show", _cli.PathOf("missing.key"));

        exit.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldContain("does not exist");
    }
}
