using ActorTrust.Client;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Lineage;
using ActorTrust.Runtime.Keys;
using ActorTrust.TestKit.Trust;

namespace ActorTrust.Cli.Tests;

public sealed class LineageCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly TrustScenario _trust = new("lineage.example", seed: 5, executors: 2);

    public void Dispose()
    {
        _trust.Dispose();
        _cli.Dispose();
    }

    private string AgentId => _trust.AgentId("mover");

    private Ed25519KeyPair A => _trust.Executor(0);

    private Ed25519KeyPair B => _trust.Executor(1);

    [Fact]
    public async Task Granted_lineage_commits_checkpoints_is_shown_and_its_chain_verifies_from_the_node_and_from_a_journal_export()
    {
        await using var node = await TestNode.StartAsync();
        await CreateDomainAsync(node);

        var grant = await _cli.Run("lineage", "grant", AgentId, "--executor", Id(A), "--node", node.Url);
        var genesis = await CommitAsync(node, Checkpoint(A, 0, Core.Lineage.Checkpoint.GenesisParent, Epoch.First), A, "c0.dsse");
        var next = await CommitAsync(node, Checkpoint(A, 1, Digest(Checkpoint(A, 0, Core.Lineage.Checkpoint.GenesisParent, Epoch.First)), Epoch.First), A, "c1.dsse");
        var show = await _cli.Run("lineage", "show", AgentId, "--node", node.Url);
        var fromNode = await _cli.Run("lineage", "verify", AgentId, "--node", node.Url, "--executor-key", A.PublicKey.ToString(), B.PublicKey.ToString());
        (await _cli.Run("audit", "export", "--data", node.DataDir, "--out", _cli.PathOf("journal.jsonl"))).Exit.ShouldBe(0);
        var fromJournal = await _cli.Run("lineage", "verify", AgentId, "--journal", _cli.PathOf("journal.jsonl"), "--executor-key", A.PublicKey.ToString());

        grant.Exit.ShouldBe(0, grant.Out + grant.Err);
        grant.Out.ShouldContain("ACCEPTED: lineage active_owner at epoch 1.0");
        genesis.Exit.ShouldBe(0, genesis.Out + genesis.Err);
        next.Exit.ShouldBe(0, next.Out + next.Err);
        show.Exit.ShouldBe(0, show.Err);
        show.Out.ShouldContain("(2 checkpoints)");
        fromNode.Exit.ShouldBe(0, fromNode.Out + fromNode.Err);
        fromNode.Out.ShouldContain("VERIFIED (2 checkpoints)");
        fromJournal.Exit.ShouldBe(0, fromJournal.Out + fromJournal.Err);
        fromJournal.Out.ShouldContain("VERIFIED (2 checkpoints)");
    }

    [Fact]
    public async Task Handoff_from_A_to_B_moves_authority_and_A_can_no_longer_commit()
    {
        await using var node = await TestNode.StartAsync();
        await CreateDomainAsync(node);
        await _cli.Run("lineage", "grant", AgentId, "--executor", Id(A), "--node", node.Url);
        var genesis = Checkpoint(A, 0, Core.Lineage.Checkpoint.GenesisParent, Epoch.First);
        await CommitAsync(node, genesis, A, "c0.dsse");

        var handoff = await _cli.Run("lineage", "handoff", AgentId, "--executor-key", KeyFile(A), "--epoch", "1.0", "--to", Id(B), "--node", node.Url);
        var sent = await _cli.Run("lineage", "transfer-sent", AgentId, "--executor-key", KeyFile(A), "--epoch", "1.0", "--checkpoint", Digest(genesis).ToString(), "--node", node.Url);
        var confirm = await _cli.Run("lineage", "confirm", AgentId, "--executor-key", KeyFile(B), "--checkpoint", Digest(genesis).ToString(), "--node", node.Url);
        var stale = await CommitAsync(node, Checkpoint(A, 1, Digest(genesis), Epoch.First), A, "stale.dsse");

        handoff.Exit.ShouldBe(0, handoff.Out + handoff.Err);
        sent.Exit.ShouldBe(0, sent.Out + sent.Err);
        confirm.Exit.ShouldBe(0, confirm.Out + confirm.Err);
        confirm.Out.ShouldContain("at epoch 2.0");
        stale.Exit.ShouldBe(3);
        stale.Out.ShouldContain("REFUSED SupersededEpoch");
    }

    [Fact]
    public async Task Chain_signed_by_a_key_the_verifier_does_not_trust_fails_verification_with_exit_3()
    {
        await using var node = await TestNode.StartAsync();
        await CreateDomainAsync(node);
        await _cli.Run("lineage", "grant", AgentId, "--executor", Id(A), "--node", node.Url);
        await CommitAsync(node, Checkpoint(A, 0, Core.Lineage.Checkpoint.GenesisParent, Epoch.First), A, "c0.dsse");
        (await _cli.Run("audit", "export", "--data", node.DataDir, "--out", _cli.PathOf("journal.jsonl"))).Exit.ShouldBe(0);

        var verify = await _cli.Run("lineage", "verify", AgentId, "--journal", _cli.PathOf("journal.jsonl"), "--executor-key", B.PublicKey.ToString());

        verify.Exit.ShouldBe(3);
        verify.Out.ShouldContain("FAILED: " + CheckpointChainErrors.SignatureInvalid);
    }

    [Fact]
    public async Task Side_effect_is_authorised_for_the_owner_once_and_refused_for_another_executor()
    {
        await using var node = await TestNode.StartAsync();
        await CreateDomainAsync(node);
        await _cli.Run("lineage", "grant", AgentId, "--executor", Id(A), "--node", node.Url);
        var effect = Core.Hashing.Digest.Sha256("send the invoice"u8).ToString();

        var owner = await _cli.Run("lineage", "side-effect", AgentId, "--executor-key", KeyFile(A), "--epoch", "1.0", "--effect", effect, "--node", node.Url);
        var other = await _cli.Run("lineage", "side-effect", AgentId, "--executor-key", KeyFile(B), "--epoch", "1.0", "--effect",
            Core.Hashing.Digest.Sha256("another effect"u8).ToString(), "--node", node.Url);

        owner.Exit.ShouldBe(0, owner.Out + owner.Err);
        other.Exit.ShouldBe(3, other.Out + other.Err);
        other.Out.ShouldContain("REFUSED");
    }

    [Fact]
    public async Task Retired_lineage_refuses_renewal_with_exit_3()
    {
        await using var node = await TestNode.StartAsync();
        await CreateDomainAsync(node);
        await _cli.Run("lineage", "grant", AgentId, "--executor", Id(A), "--node", node.Url);

        var retire = await _cli.Run("lineage", "retire", AgentId, "--node", node.Url);
        var renew = await _cli.Run("lineage", "renew", AgentId, "--executor-key", KeyFile(A), "--epoch", "1.0", "--node", node.Url);

        retire.Exit.ShouldBe(0, retire.Out + retire.Err);
        renew.Exit.ShouldBe(3);
        renew.Out.ShouldContain("REFUSED Retired");
    }

    [Fact]
    public async Task Executor_command_signed_with_a_key_that_is_no_executor_in_the_domain_is_refused_with_exit_3_and_writes_nothing()
    {
        await using var node = await TestNode.StartAsync();
        await CreateDomainAsync(node);
        await _cli.Run("lineage", "grant", AgentId, "--executor", Id(A), "--node", node.Url);
        var before = await _cli.Run("lineage", "show", AgentId, "--node", node.Url, "--json");

        var renew = await _cli.Run("lineage", "renew", AgentId, "--executor-key", KeyFile(_trust.Publisher), "--epoch", "1.0", "--node", node.Url);
        var after = await _cli.Run("lineage", "show", AgentId, "--node", node.Url, "--json");

        renew.Exit.ShouldBe(3, renew.Out + renew.Err);
        renew.Out.ShouldContain("REFUSED AuthorizationKeyUnknown");
        Version(after.Out).ShouldBe(Version(before.Out));
    }

    [Fact]
    public async Task Renewal_signed_by_another_roster_executor_is_refused_as_not_the_owner()
    {
        await using var node = await TestNode.StartAsync();
        await CreateDomainAsync(node);
        await _cli.Run("lineage", "grant", AgentId, "--executor", Id(A), "--node", node.Url);

        var byB = await _cli.Run("lineage", "renew", AgentId, "--executor-key", KeyFile(B), "--epoch", "1.0", "--node", node.Url);
        var byA = await _cli.Run("lineage", "renew", AgentId, "--executor-key", KeyFile(A), "--epoch", "1.0", "--node", node.Url);

        byB.Exit.ShouldBe(3, byB.Out + byB.Err);
        byB.Out.ShouldContain("REFUSED NotOwner");
        byA.Exit.ShouldBe(0, byA.Out + byA.Err);
        byA.Out.ShouldContain("at epoch 1.1");
    }

    [Fact]
    public async Task Missing_executor_key_file_is_bad_input()
    {
        await using var node = await TestNode.StartAsync();

        var renew = await _cli.Run("lineage", "renew", AgentId, "--executor-key", _cli.PathOf("missing.key"), "--epoch", "1.0", "--node", node.Url);

        renew.Exit.ShouldBe(1);
    }

    [Fact]
    public async Task Operator_option_is_no_longer_accepted()
    {
        var grant = await _cli.Run("lineage", "grant", AgentId, "--executor", Id(A), "--operator", "mallory", "--node", "http://127.0.0.1:1");

        grant.Exit.ShouldBe(1);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.x")]
    [InlineData("0.0")]
    public async Task Malformed_epoch_is_bad_input(string epoch)
    {
        await using var node = await TestNode.StartAsync();

        var renew = await _cli.Run("lineage", "renew", AgentId, "--executor-key", KeyFile(A), "--epoch", epoch, "--node", node.Url);

        renew.Exit.ShouldBe(1);
    }

    [Fact]
    public async Task Show_of_an_agent_without_a_lineage_is_refused()
    {
        await using var node = await TestNode.StartAsync();

        var show = await _cli.Run("lineage", "show", AgentId, "--node", node.Url);

        show.Exit.ShouldBe(3);
        show.Out.ShouldContain("LineageNotFound");
    }

    private static string Id(Ed25519KeyPair key) => key.PublicKey.KeyId.ToString();

    private static long Version(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("entity_version").GetInt64();

    // The key's file in the test directory (written once): what an executor host keeps and signs its requests with.
    private string KeyFile(Ed25519KeyPair key)
    {
        var path = _cli.PathOf(key.PublicKey.KeyId.ToString()[7..19] + ".key");
        if (!File.Exists(path))
        {
            using var file = Core.Keys.KeyFile.Create(key, DateTimeOffset.UnixEpoch, "executor");
            KeyFileIo.Write(path, file);
        }

        return path;
    }

    private static Digest Digest(Checkpoint checkpoint) => CheckpointSigning.DigestOf(checkpoint);

    private Checkpoint Checkpoint(Ed25519KeyPair executor, long tick, Digest parent, Epoch epoch) =>
        new(Core.Lineage.Checkpoint.SchemaV1, SpiffeId.Parse(AgentId), tick, parent,
            Core.Hashing.Digest.Sha256(System.Text.Encoding.UTF8.GetBytes($"state {tick}")), epoch, 1_000, executor.PublicKey.KeyId);

    private async Task<(int Exit, string Out, string Err)> CommitAsync(TestNode node, Checkpoint checkpoint, Ed25519KeyPair by, string file)
    {
        await File.WriteAllTextAsync(_cli.PathOf(file), CheckpointSigning.SignToJson(checkpoint, TrustScenario.SignerOf(by)));
        return await _cli.Run("lineage", "commit", AgentId, _cli.PathOf(file), "--node", node.Url);
    }

    private async Task CreateDomainAsync(TestNode node)
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.Url + "/") };
        (await new ActorTrustClient(http).CreateDomainAsync(_trust.CreateDomainEnvelope())).Accepted.ShouldBeTrue();
    }
}
