using ActorTrust.Client;
using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Node.Tests;

public sealed class EventApiTests
{
    [Fact]
    public async Task Entity_events_carry_a_chain_the_client_can_recompute()
    {
        await using var node = await NodeFixture.StartAsync();
        await node.Client.CreateDomainAsync(node.Trust.CreateDomainEnvelope());
        var agentId = node.Trust.AgentId("a");
        var first = node.Trust.AgentManifest(agentId, DateTimeOffset.UtcNow);
        await node.Client.RegisterAgentAsync(node.Trust.Sign(first));
        await node.Client.RotateAgentAsync(agentId, node.Trust.Sign(node.Trust.AgentManifest(agentId, DateTimeOffset.UtcNow.AddSeconds(1), first.ManifestId, "2")));

        var verifier = new ChainVerifier("agent|" + agentId);
        var events = new List<FeedEvent>();
        await foreach (var e in node.Client.ReadEntityEventsAsync("agent", agentId))
        {
            events.Add(e);
            verifier.Check(ToRecord(e)).ShouldBeNull();
        }

        events.Select(e => e.SeqNr).ShouldBe([1L, 2L]);
    }

    [Fact]
    public async Task Feed_subscription_delivers_every_committed_event_once_in_order_and_resumes_from_a_position()
    {
        await using var node = await NodeFixture.StartAsync();
        await node.Client.CreateDomainAsync(node.Trust.CreateDomainEnvelope());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new List<FeedEvent>();
        var subscription = Task.Run(async () =>
        {
            await foreach (var e in node.Client.SubscribeAsync(0, cancellationToken: cts.Token))
            {
                received.Add(e);
                if (received.Count == 4)
                {
                    return;
                }
            }
        });
        for (var i = 0; i < 3; i++)
        {
            await node.Client.RegisterAgentAsync(node.Trust.Sign(node.Trust.AgentManifest(node.Trust.AgentId($"a{i}"), DateTimeOffset.UtcNow)));
        }

        await subscription.WaitAsync(cts.Token);
        received.Select(e => e.GlobalPosition).ShouldBe([1L, 2L, 3L, 4L]);
        var resumed = await node.Client.GetFeedPageAsync(afterPosition: 2);
        resumed.Events.Select(e => e.GlobalPosition).ShouldBe([3L, 4L]);
        (await node.Client.GetFeedPageAsync(kinds: ["domain"])).Events.Count.ShouldBe(1);
    }

    [Fact]
    public async Task State_and_audit_log_survive_a_node_restart()
    {
        await using var node = await NodeFixture.StartAsync();
        await node.Client.CreateDomainAsync(node.Trust.CreateDomainEnvelope(), "c1");

        await node.RestartAsync();
        var retry = await node.Client.CreateDomainAsync(node.Trust.CreateDomainEnvelope(), "c1");

        retry.Duplicate.ShouldBeTrue();
        (await node.Client.GetDomainAsync("example.org")).ShouldNotBeNull();
        (await node.Client.GetFeedPageAsync(kinds: ["domain"])).Events.Count.ShouldBe(1);
        var checkpoints = await node.Client.GetFeedPageAsync(kinds: ["audit"]);
        checkpoints.Events.ShouldHaveSingleItem().EventType.ShouldBe("audit.checkpoint.v1"); // written at the graceful stop
    }

    [Fact]
    public async Task Metrics_count_commands_by_kind_and_outcome()
    {
        await using var node = await NodeFixture.StartAsync();
        using var rival = new ActorTrust.TestKit.Trust.TrustScenario("example.org", seed: 2);
        await node.Client.CreateDomainAsync(node.Trust.CreateDomainEnvelope());
        await node.Client.CreateDomainAsync(rival.CreateDomainEnvelope());

        var text = await node.Client.GetMetricsTextAsync();

        text.ShouldContain("actortrust_commands_total{kind=\"domain\",status=\"accepted\"} 1");
        text.ShouldContain("actortrust_commands_total{kind=\"domain\",status=\"rejected\"} 1");
        text.ShouldContain("actortrust_entities_active{kind=\"domain\"} 1");
        (await node.Client.IsHealthyAsync()).ShouldBeTrue();
    }

    private static JournalRecord ToRecord(FeedEvent e) => new(
        e.GlobalPosition, e.PersistenceId, e.SeqNr, e.EventType, System.Text.Encoding.UTF8.GetBytes(e.Payload.GetRawText()),
        DateTimeOffset.Parse(e.Timestamp, System.Globalization.CultureInfo.InvariantCulture), e.WriterNode, e.WriterToken, e.CommandId,
        Digest.Parse(e.PrevHash), Digest.Parse(e.Hash));
}
