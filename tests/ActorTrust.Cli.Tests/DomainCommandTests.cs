using System.Text.Json;
using ActorTrust.TestKit.Network;

namespace ActorTrust.Cli.Tests;

public sealed class DomainCommandTests : IAsyncLifetime, IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly Operator _op;
    private TestNode _node = null!;

    public DomainCommandTests() => _op = new Operator(_cli);

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Domain_built_from_key_files_is_created_shown_and_answers_role_questions()
    {
        await _op.DomainV1();

        var created = await _op.Ok("domain", "create", "--manifest", _op.Path("v1.json"), "--key", _op.Path("root.key"), "--node", _node.Url);
        var shown = JsonDocument.Parse(await _op.Ok("domain", "show", Operator.Domain, "--node", _node.Url, "--json")).RootElement;
        var held = await _cli.Run("domain", "roles", Operator.Domain, "--key-id", _op.Path("publisher.key"), "--role", "publisher", "--node", _node.Url);
        var notHeld = await _cli.Run("domain", "roles", Operator.Domain, "--key-id", _op.Path("auditor.key"), "--role", "publisher", "--version", "1", "--node", _node.Url);

        created.ShouldContain("ACCEPTED: domain example.org at version 1");
        created.ShouldContain("events:  domain.created.v1");
        shown.GetProperty("current_version").GetInt64().ShouldBe(1);
        shown.GetProperty("principals").GetArrayLength().ShouldBe(2);
        (held.Exit, held.Out.Trim()).ShouldBe((0, $"HELD: {KeyId("publisher.key")} held publisher in example.org version 1"));
        notHeld.Exit.ShouldBe(3);
        notHeld.Out.ShouldStartWith("NOT HELD");
    }

    [Fact]
    public async Task Rotation_to_version_2_signed_by_old_and_new_roots_is_accepted()
    {
        await CreateV1();
        await _op.Keys("root2.key");

        await _op.Ok("domain", "manifest", "--domain", Operator.Domain, "--previous", _op.Path("v1.dsse"), "--root", _op.Path("root2.key"),
            "--principal", _op.Path("publisher.key") + "=publisher,auditor", "--out", _op.Path("v2.json"));
        var rotated = JsonDocument.Parse(await _op.Ok("domain", "rotate", "--domain", Operator.Domain, "--manifest", _op.Path("v2.json"),
            "--key", _op.Path("root.key"), "--key", _op.Path("root2.key"), "--node", _node.Url, "--json")).RootElement;

        rotated.GetProperty("events")[0].GetString().ShouldBe("domain.rotated.v1");
        rotated.GetProperty("state").GetProperty("current_version").GetInt64().ShouldBe(2);
        JsonDocument.Parse(File.ReadAllText(_op.Path("v2.json"))).RootElement.GetProperty("version").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task Rotation_that_skips_a_version_is_refused_with_exit_code_3()
    {
        await CreateV1();
        await _op.Keys("root2.key");
        await _op.Ok("domain", "manifest", "--domain", Operator.Domain, "--previous", _op.Path("v1.dsse"), "--version", "3",
            "--root", _op.Path("root2.key"), "--principal", _op.Path("publisher.key") + "=publisher", "--out", _op.Path("v3.json"));

        var (exit, output, _) = await _cli.Run("domain", "rotate", "--domain", Operator.Domain, "--manifest", _op.Path("v3.json"),
            "--key", _op.Path("root.key"), "--key", _op.Path("root2.key"), "--node", _node.Url);

        exit.ShouldBe(3);
        output.ShouldStartWith("REFUSED RotationVersionNotNext: ");
    }

    [Fact]
    public async Task Resending_a_command_id_returns_the_duplicate_answer_and_writes_nothing()
    {
        await _op.DomainV1();
        string[] create = ["domain", "create", "--envelope", _op.Path("v1.dsse"), "--command-id", "create-example-1", "--node", _node.Url, "--json"];

        var first = JsonDocument.Parse(await _op.Ok(create)).RootElement;
        var second = JsonDocument.Parse(await _op.Ok(create)).RootElement;

        first.GetProperty("duplicate").GetBoolean().ShouldBeFalse();
        second.GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        second.GetProperty("events").GetArrayLength().ShouldBe(0);
        second.GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Show_of_an_unknown_domain_is_refused()
    {
        var (exit, output, _) = await _cli.Run("domain", "show", "nowhere.example", "--node", _node.Url);

        exit.ShouldBe(3);
        output.ShouldStartWith("REFUSED DomainNotFound: ");
    }

    [Theory]
    [InlineData("{not json", "v1.json: ")]
    [InlineData("""{"schema":"actortrust.authority-manifest/v1","domain_id":"example.org"}""", "v1.json: ")]
    [InlineData("""{"schema":"actortrust.authority-manifest/v1","domain_id":"example.org","version":1,"root_keys":[],"root_threshold":1,"principals":[]}""", "ManifestInvalid")]
    public async Task Malformed_manifest_file_fails_with_one_line_before_anything_is_sent(string content, string cause)
    {
        await _op.Keys("root.key");
        File.WriteAllText(_op.Path("v1.json"), content);

        var (exit, output, error) = await _cli.Run("domain", "create", "--manifest", _op.Path("v1.json"), "--key", _op.Path("root.key"), "--node", _node.Url);

        exit.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldStartWith("actortrust: ");
        error.ShouldContain(cause);
        error.Trim().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public async Task Unreachable_node_fails_with_exit_code_1_and_names_the_node()
    {
        await _op.DomainV1();
        var url = $"http://127.0.0.1:{LoopbackPorts.Free()}";

        var (exit, _, error) = await _cli.Run("domain", "create", "--envelope", _op.Path("v1.dsse"), "--node", url);

        exit.ShouldBe(1);
        error.ShouldStartWith($"actortrust: cannot reach node at {url}/");
        error.Trim().Split('\n').Length.ShouldBe(1);
    }

    private async Task CreateV1()
    {
        await _op.DomainV1();
        await _op.Ok("domain", "create", "--envelope", _op.Path("v1.dsse"), "--node", _node.Url);
    }

    private string KeyId(string keyFile) =>
        JsonDocument.Parse(File.ReadAllText(_op.Path(keyFile))).RootElement.GetProperty("key_id").GetString()!;

}
