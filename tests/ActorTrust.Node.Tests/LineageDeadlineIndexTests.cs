using ActorTrust.Core.Lineage;
using ActorTrust.Node.Lineages;
using ActorTrust.Runtime.Sharding;
using ActorTrust.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;
using static ActorTrust.Node.Tests.LineageNode;

namespace ActorTrust.Node.Tests;

/// <summary>The node's lineage deadline index: the check touches only the lineages that are due (driven by hand: interval 0s).</summary>
public sealed class LineageDeadlineIndexTests
{
    private static readonly TimeSpan PastGrace = TimeSpan.FromSeconds(LineageSettings.Default.LeaseTtlSeconds + LineageSettings.Default.GraceSeconds + 1);
    private static readonly Dictionary<string, string?> ManualChecks = new() { ["actortrust:lineage:deadline-check-interval"] = "0s" };

    [Fact]
    public async Task Check_records_recovery_required_for_a_lineage_whose_deadline_is_due()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var lineage = await LineageNode.StartAsync(clock, ManualChecks);
        await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A));

        clock.Advance(PastGrace);
        var sent = await Service(lineage, clock).CheckAllAsync(CancellationToken.None);

        sent.ShouldBe(1);
        (await lineage.Client.GetEntityEventsAsync("lineage", lineage.AgentId)).Events.ShouldContain(e => e.EventType == "lineage.recovery-required.v1");
        lineage.Node.Runtime.LineageDeadlines.DeadlineOf(lineage.AgentId).ShouldBeNull();
    }

    [Fact]
    public async Task Check_does_not_load_a_lineage_whose_deadline_is_not_due()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var lineage = await LineageNode.StartAsync(clock, ManualChecks);
        var later = lineage.Trust.AgentId("later");
        await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A));
        clock.Advance(TimeSpan.FromSeconds(50));
        await lineage.Client.GrantAuthorityAsync(later, Id(lineage.B));
        await lineage.Node.RestartAsync(); // nothing is loaded now
        var service = Service(lineage, clock);
        var registry = lineage.Node.Runtime.Lineages.Registry;

        await service.CheckAllAsync(CancellationToken.None); // reads both streams into the index once, loads neither
        var loadedAfterRebuild = registry.ActiveCount;
        clock.Advance(PastGrace - TimeSpan.FromSeconds(50)); // the first lineage is due, the later one is not
        var sent = await service.CheckAllAsync(CancellationToken.None);
        var again = await service.CheckAllAsync(CancellationToken.None);

        loadedAfterRebuild.ShouldBe(0);
        sent.ShouldBe(1);
        again.ShouldBe(0);
        registry.ActiveCount.ShouldBe(1); // only the due lineage was activated
        (await lineage.Client.GetLineageAsync(later)).ShouldNotBeNull().GetProperty("snapshot").GetProperty("status").GetString().ShouldBe("active_owner");
        lineage.Node.Runtime.LineageDeadlines.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Renewed_lease_moves_the_lineage_deadline_so_the_old_one_triggers_nothing()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var lineage = await LineageNode.StartAsync(clock, ManualChecks);
        var grantedAt = clock.GetUtcNow();
        await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A));
        var index = lineage.Node.Runtime.LineageDeadlines;
        var firstDeadline = index.DeadlineOf(lineage.AgentId);

        clock.Advance(TimeSpan.FromSeconds(30));
        (await lineage.Client.RenewLeaseAsync(lineage.AgentId, Signer(lineage.A), Epoch.First)).Accepted.ShouldBeTrue();
        var renewedDeadline = index.DeadlineOf(lineage.AgentId);
        clock.Advance(PastGrace - TimeSpan.FromSeconds(30));
        var sent = await Service(lineage, clock).CheckAllAsync(CancellationToken.None);

        firstDeadline.ShouldBe(grantedAt.AddSeconds(LineageSettings.Default.LeaseTtlSeconds + LineageSettings.Default.GraceSeconds));
        renewedDeadline.ShouldBe(firstDeadline!.Value.AddSeconds(30));
        sent.ShouldBe(0);
        (await lineage.Client.GetEntityEventsAsync("lineage", lineage.AgentId)).Events.ShouldNotContain(e => e.EventType == "lineage.recovery-required.v1");
    }

    [Fact]
    public async Task After_a_restart_the_index_is_rebuilt_and_a_deadline_that_passed_while_down_is_acted_on()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var lineage = await LineageNode.StartAsync(clock, ManualChecks);
        await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A));

        await lineage.Node.StopAsync();
        clock.Advance(PastGrace);
        await lineage.Node.RestartAsync();
        var indexedAtStart = lineage.Node.Runtime.LineageDeadlines.Count;
        var sent = await Service(lineage, clock).CheckAllAsync(CancellationToken.None);

        indexedAtStart.ShouldBe(0);
        sent.ShouldBe(1);
        (await lineage.Client.GetLineageAsync(lineage.AgentId)).ShouldNotBeNull().GetProperty("snapshot").GetProperty("status").GetString().ShouldBe("recovery_required");
    }

    [Fact]
    public void Older_state_read_by_a_rebuild_does_not_replace_a_newer_commit()
    {
        var index = new LineageDeadlineIndex(64, rebuildAllShards: false);
        var now = DateTimeOffset.UnixEpoch;

        index.Update("agent", now.AddSeconds(100), version: 3);
        index.Update("agent", now.AddSeconds(70), version: 1);

        index.DeadlineOf("agent").ShouldBe(now.AddSeconds(100));
        index.DueAt(now.AddSeconds(80)).ShouldBeEmpty();
    }

    [Fact]
    public void Dropping_a_shard_forgets_its_lineages_and_its_pending_rebuild()
    {
        var index = new LineageDeadlineIndex(64, rebuildAllShards: false);
        var now = DateTimeOffset.UnixEpoch;
        var ids = Enumerable.Range(0, 200).Select(i => $"agent-{i}").ToList();
        var shard = Shards.ShardOf(ids[0], 64);
        ids.ForEach(id => index.Update(id, now, version: 1));
        index.MarkShardForRebuild(shard);

        index.DropShard(shard);

        index.DueAt(now).ShouldBe(ids.Where(id => Shards.ShardOf(id, 64) != shard).Order(StringComparer.Ordinal).ToList());
        index.TakeShardsToRebuild().ShouldBeEmpty();
    }

    private static LineageDeadlineService Service(LineageNode lineage, TimeProvider clock) =>
        new(lineage.Node.Runtime, lineage.Node.Settings, clock, NullLogger<LineageDeadlineService>.Instance);
}
