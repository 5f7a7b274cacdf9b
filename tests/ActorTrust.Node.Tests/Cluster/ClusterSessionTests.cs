using ActorTrust.Client;
using ActorTrust.Core.Envelopes;
using ActorTrust.Node.Hosting;
using static ActorTrust.Node.Tests.Cluster.ClusterStatus;

namespace ActorTrust.Node.Tests.Cluster;

/// <summary>Cluster-wide session facts: a claims nonce is single use on the whole cluster, and node timers act only on the entities a node serves.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterSessionTests(ClusterFixture cluster) : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly SessionPeer _peer = new(78);

    public void Dispose() => _peer.Dispose();

    [Fact]
    public async Task A_claims_nonce_admitted_by_one_node_is_a_replay_on_another_node()
    {
        var (a, b) = await TwoNodesAsync();
        await using var _ = a;
        await using var __ = b;
        var (agentId, manifest, _) = await a.RegisterAgentAsync(Now);
        var claims = _peer.ClaimsEnvelope("nonce-cluster-replay-01", Now);

        var first = await a.Client.OpenSessionAsync(_peer.Request("s1", agentId, manifest, claims));
        var replay = await b.Client.OpenSessionAsync(_peer.Request("s2", agentId, manifest, claims));

        first.Accepted.ShouldBeTrue(first.Detail);
        Disposition(first).ShouldBe("verified");
        Disposition(replay).ShouldBe("invalid");
    }

    [Fact]
    public async Task A_close_sent_to_a_node_that_does_not_serve_the_session_is_closed_and_signed_by_the_serving_node()
    {
        var (a, b) = await TwoNodesAsync();
        await using var _ = a;
        await using var __ = b;
        var (agentId, manifest, _) = await a.RegisterAgentAsync(Now);
        var session = Enumerable.Range(0, 64).Select(i => $"close-{i}")
            .First(name => a.Runtime.ServesLocally(EntityKinds.Session.Name, EntityKinds.Session.NumShards, SessionPeer.SessionId(name)));
        (await b.Client.OpenSessionAsync(_peer.Request(session, agentId, manifest, _peer.ClaimsEnvelope("nonce-cluster-close-001", Now)))).Accepted.ShouldBeTrue();

        var closed = await b.Client.CloseSessionAsync(SessionPeer.SessionId(session), "close-1");
        var retried = await a.Client.CloseSessionAsync(SessionPeer.SessionId(session), "close-1");

        closed.Accepted.ShouldBeTrue(closed.Detail);
        var record = closed.State!.Value.GetProperty("trust_record");
        var envelope = EnvelopeJson.Parse(System.Text.Encoding.UTF8.GetBytes(record.GetProperty("envelope").GetRawText()));
        EnvelopeVerifier.Verify(envelope, TrustPolicy.Single(a.Runtime.NodeKey.PublicKey, PayloadTypes.TrustRecord)).IsVerified.ShouldBeTrue();
        EnvelopeVerifier.Verify(envelope, TrustPolicy.Single(b.Runtime.NodeKey.PublicKey, PayloadTypes.TrustRecord)).IsVerified.ShouldBeFalse();
        retried.Accepted.ShouldBeTrue(retried.Detail);
        retried.Events.ShouldBeEmpty();
        a.Runtime.TrustRecords.Sequence.ShouldBe(1);
        b.Runtime.TrustRecords.Sequence.ShouldBe(0);
    }

    [Fact]
    public async Task Exactly_one_node_serves_each_entity_for_the_node_timers()
    {
        var (a, b) = await TwoNodesAsync();
        await using var _ = a;
        await using var __ = b;

        for (var i = 0; i < 32; i++)
        {
            var id = $"spiffe://example.org/agent/timer-{i}";
            var serving = new[] { a, b }.Count(n => n.Runtime.ServesLocally(EntityKinds.Lineage.Name, EntityKinds.Lineage.NumShards, id));
            serving.ShouldBe(1, id);
        }
    }

    private async Task<(NodeFixture A, NodeFixture B)> TwoNodesAsync()
    {
        var db = await cluster.CreateDatabaseAsync();
        var a = await NodeFixture.StartAsync(overrides: ClusterFixture.NodeSettings(db));
        await ClusterFixture.AwaitStatusAsync(a, AllShardsOwned, Settle, "first node owns every shard");
        var b = await NodeFixture.StartAsync(overrides: ClusterFixture.NodeSettings(db));
        var bId = b.Runtime.NodeId;
        await ClusterFixture.AwaitStatusAsync(a, s => ShardsOf(s, bId) > 0 && AllShardsOwned(s) && NoHandoffs(a, b), Settle, "both nodes own shards");
        return (a, b);
    }

    // Every shard is served by exactly one of the two (no lease in hand-over between them).
    private static bool NoHandoffs(NodeFixture a, NodeFixture b) =>
        Enumerable.Range(0, EntityKinds.Lineage.NumShards).All(shard =>
            new[] { a, b }.Count(n => n.Runtime.Cluster!.Node.LocalShards.TryGetServing(EntityKinds.Lineage.Name, shard, out _)) == 1);

    private static string? Disposition(CommandOutcome outcome) =>
        outcome.State!.Value.GetProperty("snapshot").GetProperty("disposition").GetString();
}
