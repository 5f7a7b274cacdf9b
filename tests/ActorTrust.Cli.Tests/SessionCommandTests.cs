using ActorTrust.Client;
using ActorTrust.TestKit.Trust;

namespace ActorTrust.Cli.Tests;

public sealed class SessionCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly TrustScenario _trust = new();

    public void Dispose()
    {
        _trust.Dispose();
        _cli.Dispose();
    }

    [Fact]
    public async Task Closed_session_is_shown_and_its_trust_record_verifies_offline_against_the_journal_export()
    {
        await using var node = await TestNode.StartAsync();
        var sessionId = await CloseASessionAsync(node);

        var show = await _cli.Run("session", "show", sessionId, "--node", node.Url);
        var list = await _cli.Run("session", "list", "--node", node.Url);
        (await _cli.Run("audit", "export", "--data", node.DataDir, "--out", _cli.PathOf("journal.jsonl"))).Exit.ShouldBe(0);
        var verify = await _cli.Run("verify", "trust-record", _cli.PathOf("record.dsse"), "--manifest", _cli.PathOf("agent.dsse"),
            "--anchors", _cli.PathOf("domain.dsse"), "--node-key", Path.Combine(node.DataDir, "node.key"), "--journal", _cli.PathOf("journal.jsonl"));

        show.Exit.ShouldBe(0, show.Err);
        show.Out.ShouldContain("status:      closed");
        show.Out.ShouldContain("claims:      unavailable");
        list.Out.ShouldContain(sessionId);
        verify.Exit.ShouldBe(0, verify.Out + verify.Err);
        verify.Out.ShouldContain("VERIFIED");
    }

    [Fact]
    public async Task Trust_record_from_an_untrusted_node_key_fails_offline_verification()
    {
        await using var node = await TestNode.StartAsync();
        await CloseASessionAsync(node);
        await _cli.Run("keys", "generate", "--out", _cli.PathOf("other.key"));

        var verify = await _cli.Run("verify", "trust-record", _cli.PathOf("record.dsse"), "--manifest", _cli.PathOf("agent.dsse"),
            "--anchors", _cli.PathOf("domain.dsse"), "--node-key", _cli.PathOf("other.key"));

        verify.Exit.ShouldBe(3);
        verify.Out.ShouldContain("FAILED: NODE_KEY_UNTRUSTED");
    }

    [Fact]
    public async Task Show_of_an_unknown_session_is_refused()
    {
        await using var node = await TestNode.StartAsync();

        var show = await _cli.Run("session", "show", "spiffe://example.org/session/none", "--node", node.Url);

        show.Exit.ShouldBe(3);
        show.Out.ShouldContain("SessionNotFound");
    }

    private async Task<string> CloseASessionAsync(TestNode node)
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.Url + "/") };
        var client = new ActorTrustClient(http);
        var domain = _trust.CreateDomainEnvelope();
        (await client.CreateDomainAsync(domain)).Accepted.ShouldBeTrue();
        var agentId = _trust.AgentId("planner");
        var manifest = _trust.AgentManifest(agentId, DateTimeOffset.UtcNow);
        var agent = _trust.Sign(manifest);
        (await client.RegisterAgentAsync(agent)).Accepted.ShouldBeTrue();
        const string sessionId = "spiffe://example.org/session/one";
        (await client.OpenSessionAsync(new SessionRequest
        {
            SessionId = sessionId,
            Subject = agentId,
            AgentId = agentId,
            PeerNodeId = "peer-1",
            PeerAuthPublicKey = _trust.Publisher.PublicKey.ToString(),
            PolicyBundleHash = manifest.PolicyBundleHash.ToString(),
            ToolCatalogHash = manifest.ToolCatalogHash.ToString(),
        })).Accepted.ShouldBeTrue();
        await client.RecordToolCallAsync(sessionId, "search", "public", "allow");
        var closed = await client.CloseSessionAsync(sessionId);
        closed.Accepted.ShouldBeTrue(closed.Detail);
        File.WriteAllText(_cli.PathOf("record.dsse"), closed.State!.Value.GetProperty("trust_record").GetProperty("envelope").GetRawText());
        File.WriteAllText(_cli.PathOf("agent.dsse"), agent);
        File.WriteAllText(_cli.PathOf("domain.dsse"), domain);
        return sessionId;
    }
}
