using System.Text.Json;

namespace ActorTrust.Cli.Tests;

public sealed class AgentCommandTests : IAsyncLifetime, IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly Operator _op;
    private TestNode _node = null!;

    public AgentCommandTests() => _op = new Operator(_cli);

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        await _op.DomainV1();
        await _op.Ok("domain", "create", "--envelope", _op.Path("v1.dsse"), "--node", _node.Url);
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Agent_manifest_is_registered_and_shown_with_its_binding()
    {
        await _op.AgentManifest();
        var manifestId = JsonDocument.Parse(File.ReadAllText(_op.Path("agent.json"))).RootElement.GetProperty("manifest_id").GetString()!;

        var registered = await _op.Ok("agent", "register", "--manifest", _op.Path("agent.json"), "--key", _op.Path("publisher.key"), "--node", _node.Url);
        var shown = JsonDocument.Parse(await _op.Ok("agent", "show", Operator.Agent, "--node", _node.Url, "--json")).RootElement;

        Guid.Parse(manifestId).Version.ShouldBe(7);
        registered.ShouldContain($"ACCEPTED: agent {Operator.Agent} is active with manifest {manifestId}");
        registered.ShouldContain("events:  agent.registered.v1");
        shown.GetProperty("status").GetString().ShouldBe("active");
        var current = shown.GetProperty("current");
        current.GetProperty("manifest_id").GetString().ShouldBe(manifestId);
        current.GetProperty("prompt_hash").GetString().ShouldBe(Operator.PromptHash);
        current.GetProperty("authority").GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Revocation_by_an_auditor_key_is_accepted()
    {
        await Register();

        var revoked = await _op.Ok("agent", "revoke", "--agent", Operator.Agent, "--reason", "prompt leaked", "--key", _op.Path("auditor.key"), "--node", _node.Url);
        var shown = JsonDocument.Parse(await _op.Ok("agent", "show", Operator.Agent, "--node", _node.Url, "--json")).RootElement;

        revoked.ShouldContain("events:  agent.revoked.v1");
        shown.GetProperty("status").GetString().ShouldBe("revoked");
        shown.GetProperty("revocation").GetProperty("reason").GetString().ShouldBe("prompt leaked");
    }

    [Fact]
    public async Task Revocation_by_the_issuing_key_is_refused()
    {
        await Register();

        var (exit, output, _) = await _cli.Run("agent", "revoke", "--agent", Operator.Agent, "--reason", "self-revoke", "--key", _op.Path("publisher.key"), "--node", _node.Url);

        exit.ShouldBe(3);
        output.ShouldStartWith("REFUSED RevokerIsIssuer: ");
    }

    [Fact]
    public async Task Rotation_to_a_manifest_chained_to_the_current_one_is_accepted()
    {
        var first = await Register();
        await _op.AgentManifest("agent2.json", "--previous-manifest-id", first);

        var rotated = JsonDocument.Parse(await _op.Ok("agent", "rotate", "--manifest", _op.Path("agent2.json"), "--key", _op.Path("publisher.key"), "--node", _node.Url, "--json")).RootElement;

        rotated.GetProperty("events")[0].GetString().ShouldBe("agent.rotated.v1");
        rotated.GetProperty("state").GetProperty("manifest_ids").GetArrayLength().ShouldBe(2);
    }

    private async Task<string> Register()
    {
        await _op.AgentManifest();
        await _op.Ok("agent", "register", "--manifest", _op.Path("agent.json"), "--key", _op.Path("publisher.key"), "--node", _node.Url);
        return JsonDocument.Parse(File.ReadAllText(_op.Path("agent.json"))).RootElement.GetProperty("manifest_id").GetString()!;
    }
}
