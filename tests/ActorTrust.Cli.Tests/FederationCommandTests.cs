using System.Text.Json;
using ActorTrust.Client;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Keys;
using ActorTrust.Runtime.Keys;
using ActorTrust.TestKit.Trust;

namespace ActorTrust.Cli.Tests;

public sealed class FederationCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly TrustScenario _trust = new();
    private readonly Ed25519KeyPair _operator = Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)81, 32).ToArray());
    private readonly Ed25519KeyPair _peer = Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)82, 32).ToArray());

    public void Dispose()
    {
        _operator.Dispose();
        _peer.Dispose();
        _trust.Dispose();
        _cli.Dispose();
    }

    public FederationCommandTests()
    {
        WriteKeyFile(OperatorKeyFile, 81);
        WriteKeyFile(PeerKeyFile, 82);
        WriteKeyFile(StrangerKeyFile, 83);
    }

    private string OperatorKeyFile => _cli.PathOf("operator.key");

    private string PeerKeyFile => _cli.PathOf("peer.key");

    private string StrangerKeyFile => _cli.PathOf("stranger.key");

    [Fact]
    public async Task Contract_publish_then_peer_propose_accept_enroll_heartbeat_grant_and_revoke_from_the_command_line()
    {
        await using var node = await StartFederatingNodeAsync();
        await File.WriteAllTextAsync(_cli.PathOf("contract.txt"), "The twelve commitments, version 1.");
        await File.WriteAllTextAsync(_cli.PathOf("offer.json"),
            """{"disclosure":{"operator_contact":"ops@peer.example","jurisdiction":"EU","platform_version":"0.1.0","last_known_good_release_tag":"v0.1.0","data_residency":"EU"},"capabilities":{"resources":[{"kind":"vm","schema_versions":["v1"],"filter_predicates":[]}]}}""");
        await File.WriteAllTextAsync(_cli.PathOf("disclosure.json"),
            """{"operator_contact":"ops@peer.example","jurisdiction":"EU","platform_version":"0.1.0","last_known_good_release_tag":"v0.1.0","data_residency":"EU"}""");

        var publish = await Json("contract", "publish", "1", "--text-file", _cli.PathOf("contract.txt"), "--operator-key", OperatorKeyFile, "--node", node.Url);
        var digest = publish.GetProperty("state").GetProperty("digest").GetString()!;
        var propose = await Json("peer", "propose", "peer-one", "--operator-id", "peer-op", "--endpoint", "https://peer.example/f",
            "--public-key", _peer.PublicKey.ToString(), "--reason", "pilot", "--operator-key", OperatorKeyFile, "--node", node.Url);
        var token = propose.GetProperty("state").GetProperty("acceptance_token").GetString()!;
        var accept = await _cli.Run("peer", "accept", "peer-one", "--token", token, "--contract-version", "1", "--contract-digest", digest, "--peer-key", PeerKeyFile, "--node", node.Url);
        var enroll = await _cli.Run("peer", "enroll", "peer-one", "--offer", _cli.PathOf("offer.json"), "--peer-key", PeerKeyFile, "--node", node.Url);
        var heartbeat = await _cli.Run("peer", "heartbeat", "peer-one", "--disclosure", _cli.PathOf("disclosure.json"), "--contract-version", "1", "--peer-key", PeerKeyFile, "--node", node.Url);
        var grant = await Json("peer", "grant", "peer-one", "--scope", "read", "--kind", "vm", "--subject", "remote-user", "--operator-key", OperatorKeyFile, "--node", node.Url);
        var grantId = grant.GetProperty("state").GetProperty("grant_id").GetString()!;
        var revokeGrant = await _cli.Run("peer", "revoke-grant", "peer-one", grantId, "--reason", "done", "--operator-key", OperatorKeyFile, "--node", node.Url);
        var revoke = await _cli.Run("peer", "revoke", "peer-one", "--reason", "ended", "--operator-key", OperatorKeyFile, "--node", node.Url);
        var show = await _cli.Run("peer", "show", "peer-one", "--node", node.Url);
        var latest = await _cli.Run("contract", "latest", "--node", node.Url);

        accept.Exit.ShouldBe(0, accept.Out + accept.Err);
        enroll.Exit.ShouldBe(0, enroll.Out + enroll.Err);
        heartbeat.Exit.ShouldBe(0, heartbeat.Out + heartbeat.Err);
        heartbeat.Out.ShouldContain("status=active");
        grant.GetProperty("state").GetProperty("credential").GetString()!.Length.ShouldBe(43);
        revokeGrant.Exit.ShouldBe(0, revokeGrant.Out + revokeGrant.Err);
        revoke.Exit.ShouldBe(0, revoke.Out + revoke.Err);
        show.Out.ShouldContain("\"status\":\"revoked\"");
        show.Out.ShouldNotContain(token);
        latest.Out.ShouldContain(digest);
    }

    [Fact]
    public async Task Accepting_with_a_wrong_contract_digest_is_refused_with_exit_3()
    {
        await using var node = await StartFederatingNodeAsync();
        await File.WriteAllTextAsync(_cli.PathOf("contract.txt"), "The twelve commitments, version 1.");
        await _cli.Run("contract", "publish", "1", "--text-file", _cli.PathOf("contract.txt"), "--operator-key", OperatorKeyFile, "--node", node.Url);
        var propose = await Json("peer", "propose", "peer-one", "--operator-id", "peer-op", "--endpoint", "https://peer.example/f",
            "--public-key", _peer.PublicKey.ToString(), "--reason", "pilot", "--operator-key", OperatorKeyFile, "--node", node.Url);
        var token = propose.GetProperty("state").GetProperty("acceptance_token").GetString()!;

        var accept = await _cli.Run("peer", "accept", "peer-one", "--token", token, "--contract-version", "1",
            "--contract-digest", Core.Hashing.Digest.Sha256("other"u8).ToString(), "--peer-key", PeerKeyFile, "--node", node.Url);

        accept.Exit.ShouldBe(3);
        accept.Out.ShouldContain("REFUSED ContractDigestMismatch");
    }

    [Fact]
    public async Task A_malformed_digest_or_scope_is_bad_input_with_exit_1()
    {
        await using var node = await StartFederatingNodeAsync();

        var digest = await _cli.Run("peer", "accept", "peer-one", "--token", "t", "--contract-version", "1", "--contract-digest", "nope", "--peer-key", PeerKeyFile, "--node", node.Url);
        var scope = await _cli.Run("peer", "grant", "peer-one", "--scope", "everything", "--kind", "vm", "--subject", "s", "--operator-key", OperatorKeyFile, "--node", node.Url);

        digest.Exit.ShouldBe(1);
        scope.Exit.ShouldBe(1);
    }

    [Fact]
    public async Task Show_of_an_unknown_peer_or_contract_is_refused()
    {
        await using var node = await StartFederatingNodeAsync();

        (await _cli.Run("peer", "show", "nobody", "--node", node.Url)).Exit.ShouldBe(3);
        (await _cli.Run("contract", "show", "7", "--node", node.Url)).Exit.ShouldBe(3);
        (await _cli.Run("contract", "latest", "--node", node.Url)).Exit.ShouldBe(3);
    }

    [Fact]
    public async Task A_compromise_notice_from_an_operator_is_accepted_one_from_both_sides_is_bad_input_and_the_list_shows_the_peer()
    {
        await using var node = await StartFederatingNodeAsync();
        await Json("peer", "propose", "peer-one", "--operator-id", "peer-op", "--endpoint", "https://peer.example/f",
            "--public-key", _peer.PublicKey.ToString(), "--reason", "pilot", "--operator-key", OperatorKeyFile, "--node", node.Url);

        var disclose = await _cli.Run("peer", "disclose-compromise", "peer-one", "--nature", "intrusion", "--description", "notice by phone",
            "--operator-key", OperatorKeyFile, "--node", node.Url);
        var both = await _cli.Run("peer", "disclose-compromise", "peer-one", "--nature", "intrusion", "--description", "d",
            "--operator-key", OperatorKeyFile, "--peer-key", PeerKeyFile, "--node", node.Url);
        var list = await _cli.Run("peer", "list", "--node", node.Url);

        disclose.Exit.ShouldBe(0, disclose.Out + disclose.Err);
        both.Exit.ShouldBe(1);
        list.Out.ShouldContain("peer-one");
    }

    [Fact]
    public async Task Peer_migration_plan_apply_list_and_a_verified_audit_excerpt_from_the_command_line()
    {
        await using var node = await StartFederatingNodeAsync();
        await File.WriteAllTextAsync(_cli.PathOf("contract.txt"), "The twelve commitments, version 1.");
        await File.WriteAllTextAsync(_cli.PathOf("offer.json"),
            """{"disclosure":{"operator_contact":"ops@peer.example","jurisdiction":"EU","platform_version":"0.1.0","last_known_good_release_tag":"v0.1.0","data_residency":"EU"},"capabilities":{"resources":[{"kind":"vm","schema_versions":["v1"],"filter_predicates":[]}]}}""");
        var digest = (await Json("contract", "publish", "1", "--text-file", _cli.PathOf("contract.txt"), "--operator-key", OperatorKeyFile, "--node", node.Url))
            .GetProperty("state").GetProperty("digest").GetString()!;
        var token = (await Json("peer", "propose", "peer-one", "--operator-id", "peer-op", "--endpoint", "https://peer.example/f",
            "--public-key", _peer.PublicKey.ToString(), "--reason", "pilot", "--operator-key", OperatorKeyFile, "--node", node.Url)).GetProperty("state").GetProperty("acceptance_token").GetString()!;
        (await _cli.Run("peer", "accept", "peer-one", "--token", token, "--contract-version", "1", "--contract-digest", digest, "--peer-key", PeerKeyFile, "--node", node.Url)).Exit.ShouldBe(0);
        (await _cli.Run("peer", "enroll", "peer-one", "--offer", _cli.PathOf("offer.json"), "--peer-key", PeerKeyFile, "--node", node.Url)).Exit.ShouldBe(0);
        var grant = (await Json("peer", "grant", "peer-one", "--scope", "migrate", "--kind", "vm", "--subject", "remote-user", "--operator-key", OperatorKeyFile, "--node", node.Url)).GetProperty("state");
        await File.WriteAllTextAsync(_cli.PathOf("credential"), grant.GetProperty("credential").GetString());
        var items = $$"""[{"content_digest":"{{Core.Hashing.Digest.Sha256("vm"u8)}}","resource_kind":"vm","source_id":"{{Guid.CreateVersion7()}}"}]""";
        await File.WriteAllTextAsync(_cli.PathOf("items.json"), items);
        await File.WriteAllTextAsync(_cli.PathOf("plan.json"), $$"""{"conflict_policy":"fail","items":{{items}},"migration_only":false,"operation":"duplicate","resource_kind":"vm"}""");

        var plan = await Json("peer", "migration", "plan", "peer-one", "--grant-id", grant.GetProperty("grant_id").GetString()!, "--credential-file", _cli.PathOf("credential"),
            "--plan", _cli.PathOf("plan.json"), "--peer-key", PeerKeyFile, "--node", node.Url);
        var migrationId = plan.GetProperty("state").GetProperty("migration_id").GetString()!;
        var apply = await _cli.Run("peer", "migration", "apply", "peer-one", migrationId, "--items", _cli.PathOf("items.json"), "--operator-key", OperatorKeyFile, "--node", node.Url);
        var list = await _cli.Run("peer", "migration", "list", "peer-one", "--node", node.Url);
        var excerpt = await _cli.Run("peer", "audit", "peer-one", "--out", _cli.PathOf("peer.jsonl"), "--verify", "--node", node.Url);
        var verify = await _cli.Run("audit", "verify", "--export", _cli.PathOf("peer.jsonl"));

        apply.Exit.ShouldBe(0, apply.Out + apply.Err);
        list.Out.ShouldContain($"{migrationId}  completed");
        excerpt.Exit.ShouldBe(0, excerpt.Out + excerpt.Err);
        excerpt.Err.ShouldContain("VERIFIED");
        (await File.ReadAllTextAsync(_cli.PathOf("peer.jsonl"))).ShouldContain("\"federation_peer_id\":\"peer-one\"");
        verify.Exit.ShouldBe(0, verify.Out + verify.Err);
        verify.Out.ShouldContain("VERIFIED");
    }

    [Fact]
    public async Task A_request_signed_with_a_key_file_the_node_does_not_know_is_refused_with_exit_3_and_the_reason()
    {
        await using var node = await StartFederatingNodeAsync();
        await File.WriteAllTextAsync(_cli.PathOf("contract.txt"), "The twelve commitments, version 1.");

        var stranger = await _cli.Run("contract", "publish", "1", "--text-file", _cli.PathOf("contract.txt"), "--operator-key", StrangerKeyFile, "--node", node.Url);
        var asPeer = await _cli.Run("contract", "publish", "1", "--text-file", _cli.PathOf("contract.txt"), "--operator-key", PeerKeyFile, "--node", node.Url);
        var show = await _cli.Run("contract", "show", "1", "--node", node.Url);

        stranger.Exit.ShouldBe(3, stranger.Out + stranger.Err);
        stranger.Out.ShouldContain("REFUSED AuthorizationKeyUnknown");
        asPeer.Exit.ShouldBe(3, asPeer.Out + asPeer.Err);
        asPeer.Out.ShouldContain("REFUSED AuthorizationKeyUnknown");
        show.Exit.ShouldBe(3);
    }

    [Fact]
    public async Task A_missing_key_file_is_bad_input_with_exit_1_and_nothing_is_sent()
    {
        await using var node = await StartFederatingNodeAsync();
        await File.WriteAllTextAsync(_cli.PathOf("contract.txt"), "The twelve commitments, version 1.");

        var publish = await _cli.Run("contract", "publish", "1", "--text-file", _cli.PathOf("contract.txt"), "--operator-key", _cli.PathOf("absent.key"), "--node", node.Url);
        var show = await _cli.Run("contract", "show", "1", "--node", node.Url);

        publish.Exit.ShouldBe(1);
        publish.Err.ShouldContain("absent.key");
        show.Exit.ShouldBe(3);
    }

    private static void WriteKeyFile(string path, byte seed)
    {
        using var keyFile = KeyFile.Create(Ed25519KeyPair.FromSeed(Enumerable.Repeat(seed, 32).ToArray()), DateTimeOffset.UtcNow);
        KeyFileIo.Write(path, keyFile);
    }

    private async Task<JsonElement> Json(params string[] args)
    {
        var run = await _cli.Run([.. args, "--json"]);
        run.Exit.ShouldBe(0, run.Out + run.Err);
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    private async Task<TestNode> StartFederatingNodeAsync()
    {
        var node = await TestNode.StartAsync(new Dictionary<string, string?> { ["actortrust:federation:home-domain"] = _trust.DomainId });
        var manifest = _trust.DomainV1 with
        {
            Principals = [.. _trust.DomainV1.Principals, new DomainPrincipal(_operator.PublicKey.KeyId, _operator.PublicKey.ToString(), [DomainRole.Federator])],
        };
        using var http = new HttpClient { BaseAddress = new Uri(node.Url + "/") };
        var created = await new ActorTrustClient(http).CreateDomainAsync(
            DomainManifestSigning.SignToJson(manifest, new Ed25519EnvelopeSigner(_trust.Root(0)), new Ed25519EnvelopeSigner(_trust.Root(1))));
        created.Accepted.ShouldBeTrue(created.Detail);
        return node;
    }
}
