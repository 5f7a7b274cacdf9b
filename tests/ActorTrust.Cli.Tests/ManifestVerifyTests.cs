using System.Text;
using System.Text.Json;

namespace ActorTrust.Cli.Tests;

/// <summary><c>actortrust manifest sign|verify</c>: offline, no node.</summary>
public sealed class ManifestVerifyTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly Operator _op;

    public ManifestVerifyTests() => _op = new Operator(_cli);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Manifest_signed_by_a_publisher_of_the_authority_is_valid()
    {
        await SignedAgentManifest();

        var (exit, output, _) = await Verify("--prompt-hash", Operator.PromptHash, "--json");

        exit.ShouldBe(0);
        var json = JsonDocument.Parse(output).RootElement;
        json.GetProperty("status").GetString().ShouldBe("VALID");
        json.GetProperty("agent_id").GetString().ShouldBe(Operator.Agent);
        json.GetProperty("authority").GetProperty("domain_id").GetString().ShouldBe(Operator.Domain);
    }

    [Fact]
    public async Task Manifest_evaluated_after_its_expiry_is_expired()
    {
        await SignedAgentManifest("--valid-for", "1d");

        var (exit, output, _) = await Verify("--at", DateTimeOffset.UtcNow.AddDays(2).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));

        exit.ShouldBe(3);
        output.ShouldStartWith("EXPIRED Expired: ");
    }

    [Fact]
    public async Task Manifest_checked_against_another_authority_is_unverifiable_never_valid()
    {
        await SignedAgentManifest();
        await _op.Keys("other-root.key", "other-publisher.key");
        await _op.Ok("domain", "manifest", "--domain", Operator.Domain, "--root", _op.Path("other-root.key"),
            "--principal", _op.Path("other-publisher.key") + "=publisher", "--out", _op.Path("other.json"));
        await _op.Ok("manifest", "sign", "--kind", "domain", "--in", _op.Path("other.json"), "--key", _op.Path("other-root.key"), "--out", _op.Path("other.dsse"));

        var (exit, output, _) = await _cli.Run("manifest", "verify", "--in", _op.Path("agent.dsse"), "--authority", _op.Path("other.dsse"));

        exit.ShouldBe(3);
        output.ShouldStartWith("UNVERIFIABLE SignerUnknown: ");
    }

    [Fact]
    public async Task Authority_not_signed_by_its_own_roots_makes_the_manifest_unverifiable()
    {
        await SignedAgentManifest();
        await _op.Ok("manifest", "sign", "--kind", "domain", "--in", _op.Path("v1.json"), "--key", _op.Path("publisher.key"), "--out", _op.Path("forged.dsse"));

        var (exit, output, _) = await _cli.Run("manifest", "verify", "--in", _op.Path("agent.dsse"), "--authority", _op.Path("forged.dsse"));

        exit.ShouldBe(3);
        output.ShouldStartWith("UNVERIFIABLE AuthorityInvalid: ");
        output.ShouldContain("not signed by a threshold of its own root keys");
    }

    [Fact]
    public async Task Tampered_manifest_envelope_is_a_mismatch()
    {
        await SignedAgentManifest();
        var envelope = JsonDocument.Parse(File.ReadAllText(_op.Path("agent.dsse"))).RootElement;
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(envelope.GetProperty("payload").GetString()!));
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.Replace(Operator.PromptHash, Operator.PolicyHash, StringComparison.Ordinal)));
        File.WriteAllText(_op.Path("agent.dsse"), File.ReadAllText(_op.Path("agent.dsse")).Replace(envelope.GetProperty("payload").GetString()!, forged, StringComparison.Ordinal));

        var (exit, output, _) = await Verify();

        exit.ShouldBe(3);
        output.ShouldStartWith("MISMATCH SignatureInvalid: ");
    }

    [Fact]
    public async Task Manifest_binding_a_different_prompt_is_a_mismatch()
    {
        await SignedAgentManifest();

        var (exit, output, _) = await Verify("--prompt-hash", Operator.PolicyHash);

        exit.ShouldBe(3);
        output.ShouldStartWith("MISMATCH PromptHashMismatch: ");
    }

    [Fact]
    public async Task Rotation_chain_of_authorities_is_followed_to_the_latest_version()
    {
        await SignedAgentManifest();
        await _op.Keys("root2.key");
        await _op.Ok("domain", "manifest", "--domain", Operator.Domain, "--previous", _op.Path("v1.dsse"), "--root", _op.Path("root2.key"),
            "--principal", _op.Path("publisher.key") + "=publisher", "--out", _op.Path("v2.json"));
        await _op.Ok("manifest", "sign", "--kind", "domain", "--in", _op.Path("v2.json"), "--key", _op.Path("root2.key"), "--out", _op.Path("v2-unchained.dsse"));
        await _op.Ok("manifest", "sign", "--kind", "domain", "--in", _op.Path("v2.json"), "--key", _op.Path("root.key"), "--key", _op.Path("root2.key"), "--out", _op.Path("v2.dsse"));

        var chained = await _cli.Run("manifest", "verify", "--in", _op.Path("agent.dsse"), "--authority", _op.Path("v1.dsse"), "--authority", _op.Path("v2.dsse"), "--json");
        var unchained = await _cli.Run("manifest", "verify", "--in", _op.Path("agent.dsse"), "--authority", _op.Path("v1.dsse"), "--authority", _op.Path("v2-unchained.dsse"));

        chained.Exit.ShouldBe(0);
        JsonDocument.Parse(chained.Out).RootElement.GetProperty("authority").GetProperty("version").GetInt64().ShouldBe(2);
        unchained.Exit.ShouldBe(3);
        unchained.Out.ShouldContain("version 1's root keys");
    }

    [Fact]
    public async Task Sign_refuses_a_manifest_that_is_not_its_kind()
    {
        await _op.DomainV1();

        var (exit, _, error) = await _cli.Run("manifest", "sign", "--kind", "agent", "--in", _op.Path("v1.json"), "--key", _op.Path("publisher.key"));

        exit.ShouldBe(1);
        error.Trim().Split('\n').Length.ShouldBe(1);
        error.ShouldContain("v1.json: ");
    }

    private async Task SignedAgentManifest(params string[] extra)
    {
        await _op.DomainV1();
        await _op.AgentManifest("agent.json", extra);
        await _op.Ok("manifest", "sign", "--kind", "agent", "--in", _op.Path("agent.json"), "--key", _op.Path("publisher.key"), "--out", _op.Path("agent.dsse"));
    }

    private Task<(int Exit, string Out, string Err)> Verify(params string[] extra) =>
        _cli.Run(["manifest", "verify", "--in", _op.Path("agent.dsse"), "--authority", _op.Path("v1.dsse"), .. extra]);
}
