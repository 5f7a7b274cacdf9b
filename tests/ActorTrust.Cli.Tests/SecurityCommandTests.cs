using ActorTrust.Node.Hosting;
using ActorTrust.Node.Security;

namespace ActorTrust.Cli.Tests;

/// <summary><c>actortrust cert</c> and <c>actortrust token</c>, and remote commands against a secure (TLS) node.</summary>
public sealed class SecurityCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task Cert_commands_write_pem_files_with_private_keys_readable_only_by_the_owner()
    {
        (await _cli.Run("cert", "create-ca", "--out", _cli.PathOf("ca"), "--name", "Test CA", "--days", "30")).Exit.ShouldBe(0);
        var node = await _cli.Run("cert", "create-node", "--ca", _cli.PathOf("ca"), "--node-id", "node-a.internal:5090", "--host", "node-a.internal", "--ip", "10.0.0.5", "--out", _cli.PathOf("node"));
        var client = await _cli.Run("cert", "create-client", "--ca", _cli.PathOf("ca"), "--principal", "ops", "--role", "operator", "--out", _cli.PathOf("client"), "--json");

        node.Exit.ShouldBe(0, node.Err);
        client.Exit.ShouldBe(0, client.Err);
        client.Out.ShouldContain("\"principal\": \"ops\"");
        client.Out.ShouldContain("\"role\": \"operator\"");
        using var nodeCert = ClusterCa.Read(_cli.PathOf("node"));
        PeerIdentity.Of(nodeCert).NodeId.ShouldBe("node-a.internal:5090");
        PeerIdentity.Of(nodeCert).MayPresent("node-a.internal:5090:638000000000000000").ShouldBeTrue();
        PeerIdentity.Of(nodeCert).MayPresent("node-b.internal:5090:638000000000000000").ShouldBeFalse();
        if (!OperatingSystem.IsWindows())
        {
            foreach (var dir in new[] { "ca", "node", "client" })
            {
                File.GetUnixFileMode(Path.Combine(_cli.PathOf(dir), "key.pem")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }

    [Fact]
    public async Task Token_create_prints_the_secret_once_and_stores_only_its_digest()
    {
        var created = await _cli.Run("token", "create", "--file", _cli.PathOf("tokens.json"), "--principal", "ci", "--role", "reader", "--expires", "30d", "--json");

        created.Exit.ShouldBe(0, created.Err);
        var secret = System.Text.Json.JsonDocument.Parse(created.Out).RootElement.GetProperty("token").GetString()!;
        var stored = await File.ReadAllTextAsync(_cli.PathOf("tokens.json"));
        stored.ShouldNotContain(secret);
        stored.ShouldContain(TokenFile.Digest(secret));
        (await _cli.Run("token", "list", "--file", _cli.PathOf("tokens.json"))).Out.ShouldNotContain(secret);
    }

    [Fact]
    public async Task Remote_commands_present_a_token_or_a_client_certificate_to_a_secure_node()
    {
        await _cli.Run("cert", "create-ca", "--out", _cli.PathOf("ca"));
        await _cli.Run("cert", "create-node", "--ca", _cli.PathOf("ca"), "--node-id", "127.0.0.1", "--ip", "127.0.0.1", "--out", _cli.PathOf("node"));
        await _cli.Run("cert", "create-client", "--ca", _cli.PathOf("ca"), "--principal", "ops", "--role", "operator", "--out", _cli.PathOf("client"));
        var tokens = _cli.PathOf("data/tokens.json");
        var reader = System.Text.Json.JsonDocument.Parse((await _cli.Run("token", "create", "--file", tokens, "--principal", "viewer", "--role", "reader", "--json")).Out)
            .RootElement.GetProperty("token").GetString()!;
        await using var app = await NodeHost.BuildAsync(NodeSettings.Load(null, new Dictionary<string, string?>
        {
            ["actortrust:node:urls"] = "https://127.0.0.1:0",
            ["actortrust:node:data-dir"] = _cli.PathOf("data"),
            ["actortrust:security:tls:ca-file"] = Path.Combine(_cli.PathOf("ca"), "cert.pem"),
            ["actortrust:security:tls:cert-file"] = Path.Combine(_cli.PathOf("node"), "cert.pem"),
            ["actortrust:security:tls:key-file"] = Path.Combine(_cli.PathOf("node"), "key.pem"),
        }));
        await app.StartAsync();
        var url = app.Urls.First();
        var ca = Path.Combine(_cli.PathOf("ca"), "cert.pem");

        var anonymous = await _cli.Run("audit", "checkpoint", "--node", url, "--ca", ca, "--out", _cli.PathOf("cp1.json"));
        var asReader = await _cli.Run("audit", "checkpoint", "--node", url, "--ca", ca, "--token", reader, "--out", _cli.PathOf("cp2.json"));
        var asOperator = await _cli.Run("audit", "checkpoint", "--node", url, "--ca", ca, "--cert", Path.Combine(_cli.PathOf("client"), "cert.pem"),
            "--key", Path.Combine(_cli.PathOf("client"), "key.pem"), "--out", _cli.PathOf("cp3.json"));
        var revoked = await _cli.Run("token", "revoke", "viewer", "--file", tokens);
        var afterRevoke = await _cli.Run("peer", "list", "--node", url, "--ca", ca, "--token", reader);
        await app.StopAsync();

        anonymous.Exit.ShouldBe(ExitCodes.BadInput);
        anonymous.Err.ShouldContain("401");
        asReader.Exit.ShouldBe(ExitCodes.BadInput);
        asReader.Err.ShouldContain("403");
        asReader.Err.ShouldNotContain(reader);
        asOperator.Exit.ShouldBe(0, asOperator.Err);
        revoked.Exit.ShouldBe(0, revoked.Err);
        afterRevoke.Exit.ShouldBe(ExitCodes.BadInput);
        afterRevoke.Err.ShouldContain("revoked");
        File.Exists(_cli.PathOf("cp1.json")).ShouldBeFalse();
    }

    public void Dispose() => _cli.Dispose();
}
