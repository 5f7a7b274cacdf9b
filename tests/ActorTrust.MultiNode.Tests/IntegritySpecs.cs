using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Journal;
using ActorTrust.TestKit.MultiNode;
using ActorTrust.TestKit.Postgres;
using Npgsql;

namespace ActorTrust.MultiNode.Tests;

/// <summary>Specs 10, 11, 12 and 15: recovery integrity, the global feed under concurrent writers, passivation, shard-hash vectors.</summary>
public sealed class IntegritySpecs(MultiNodeFixture fixture) : MultiNodeSpec(fixture)
{
    [PostgresFact]
    public async Task A_new_owner_recovers_snapshot_plus_tail_and_a_tampered_stream_fails_loudly()
    {
        var cluster = await StartClusterAsync(new TestClusterOptions { Nodes = 2, Entities = new EntityRuntimeOptions { SnapshotEvery = 5 } });
        var (a, b) = (cluster[0], cluster[1]);
        var shard = a.ServedShards[0];
        var (gapped, lowered) = (cluster.EntityIn(shard), cluster.EntityIn(shard, 1));
        for (var i = 1; i <= 12; i++)
        {
            (await b.DepositAsync(gapped, i)).IsAccepted.ShouldBeTrue();
            (await b.DepositAsync(lowered, i)).IsAccepted.ShouldBeTrue();
        }

        await cluster.KillAsync(a);
        await cluster.WaitUntilAsync(() => b.Serves(shard), "B takes the killed node's shard");
        var recovered = await b.DepositAsync(gapped, 100);
        recovered.IsAccepted.ShouldBeTrue();
        (await cluster.CommittedAsync(gapped)).ShouldBe(new LedgerState(178, 13));
        (await cluster.AuditAsync()).Events.ShouldBe(25);

        await ExecuteAsync(cluster, "DELETE FROM journal WHERE persistence_id = $1 AND seq_nr = 12", PersistenceIds.For(LedgerDecider.KindName, gapped));
        await ExecuteAsync(cluster, "UPDATE journal SET writer_token = 0 WHERE persistence_id = $1 AND seq_nr = 12", PersistenceIds.For(LedgerDecider.KindName, lowered));

        await Should.ThrowAsync<Exception>(() => cluster.CommittedAsync(gapped));
        await Should.ThrowAsync<Exception>(() => cluster.CommittedAsync(lowered));
        var audit = await JournalAuditor.AuditAsync(cluster.AuditJournal, CancellationToken.None);
        audit.Violations.ShouldContain(v => v.Contains(gapped, StringComparison.Ordinal) && v.Contains("SequenceGap", StringComparison.Ordinal));
        audit.Violations.ShouldContain(v => v.Contains(lowered, StringComparison.Ordinal));
        audit.Violations.ShouldAllBe(v => v.Contains(gapped, StringComparison.Ordinal) || v.Contains(lowered, StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task A_live_feed_subscriber_sees_every_committed_event_exactly_once_under_concurrent_writers_with_random_delays()
    {
        var cluster = await StartClusterAsync();
        var random = new Random(20260617);
        foreach (var from in cluster.Nodes)
        {
            foreach (var to in cluster.Nodes.Where(n => n != from))
            {
                cluster.Delay(from, to, TimeSpan.FromMilliseconds(random.Next(0, 25)));
            }
        }

        var entities = Enumerable.Range(0, 40).Select(i => $"feed-{i}").ToList();
        var seen = new List<JournalRecord>();
        using var stop = new CancellationTokenSource();
        var subscriber = Task.Run(async () =>
        {
            long after = 0;
            while (true)
            {
                var stopping = stop.IsCancellationRequested;
                var page = await cluster.AuditJournal.ReadFeedAsync(after, 50, FeedFilter.All, CancellationToken.None);
                seen.AddRange(page);
                after = page.Count > 0 ? page[^1].GlobalPosition : after;
                if (page.Count == 0 && stopping)
                {
                    return;
                }

                if (page.Count == 0)
                {
                    await Task.Delay(random.Next(1, 15)); // a subscriber's polling pace
                }
            }
        });

        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var results = new List<CommandResult<LedgerState>>();
            for (var i = 0; i < 30; i++)
            {
                results.Add(await cluster[(w + i) % 3].DepositAsync(entities[(w * 7 + i) % entities.Count], w + 1, $"w{w}-{i}"));
            }

            return results;
        })).ToList();
        var all = (await Task.WhenAll(writers)).SelectMany(r => r).ToList();
        await stop.CancelAsync();
        await subscriber;

        all.ShouldAllBe(r => r.IsAccepted);
        var feed = await cluster.FeedAsync();
        feed.Count.ShouldBe(240);
        seen.Select(r => r.GlobalPosition).ShouldBe(feed.Select(r => r.GlobalPosition), "the live subscriber saw the feed exactly as a later full read does");
        seen.Select(r => r.GlobalPosition).Distinct().Count().ShouldBe(240);
        (await cluster.FeedAsync()).Select(r => r.GlobalPosition).ShouldBe(feed.Select(r => r.GlobalPosition), "order is stable across reads");
        await cluster.AuditAsync();
    }

    [PostgresFact]
    public async Task An_idle_entity_is_passivated_on_its_owner_and_the_next_command_reactivates_it_with_its_state()
    {
        var cluster = await StartClusterAsync(new TestClusterOptions
        {
            Nodes = 2,
            Entities = new EntityRuntimeOptions { PassivationIdleTimeout = TimeSpan.FromMilliseconds(300), PassivationCheckInterval = TimeSpan.FromMilliseconds(100) },
        });
        var (a, b) = (cluster[0], cluster[1]);
        var entity = cluster.EntityIn(a.ServedShards[0]);
        (await b.DepositAsync(entity, 5)).IsAccepted.ShouldBeTrue();
        a.Registry.ActiveCount.ShouldBe(1);

        await cluster.WaitUntilAsync(() => a.Registry.ActiveCount == 0, "the idle entity is passivated");
        (await b.DepositAsync(entity, 7)).IsAccepted.ShouldBeTrue();

        a.Registry.ActiveCount.ShouldBe(1);
        (await a.Registry.QueryAsync(entity, (s, _) => s, CancellationToken.None)).ShouldBe(new LedgerState(12, 2));
        await cluster.AuditAsync();
    }

    [PostgresFact]
    public async Task Golden_shard_vectors_route_to_the_node_serving_that_shard_from_every_node()
    {
        var cluster = await StartClusterAsync(new TestClusterOptions { Nodes = 2, NumShards = 16 });
        (string Id, int Shard)[] vectors = [("a", 6), ("agent-2", 5), ("agent-9", 11), ("peer/eu-west-1", 14), ("\U0001F600", 12), ("d7c3a5f0-9e1b-4c2a-8f3e-1a2b3c4d5e6f", 14)];

        foreach (var (id, shard) in vectors)
        {
            cluster.ShardOf(id).ShouldBe(shard);
            var owner = cluster.ServerOf(shard)!;
            foreach (var from in cluster.Nodes)
            {
                (await from.DepositAsync(id)).IsAccepted.ShouldBeTrue();
            }

            cluster.Recorder.All.Where(x => x.EntityId == id).ShouldAllBe(x => x.Node == owner.Name);
            (await cluster.LeasesAsync()).Single(l => l.Shard == shard).Owner.ShouldBe(owner.Name);
        }

        (await cluster.AuditAsync()).Events.ShouldBe(vectors.Length * 2);
    }

    private static async Task ExecuteAsync(TestCluster cluster, string sql, string persistenceId)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = persistenceId });
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }
}
