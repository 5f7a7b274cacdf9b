using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;
using ActorTrust.TestKit.JournalConformance;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.Persistence.PostgreSql.Tests;

/// <summary>Renewing many leases with one statement: the same rules as a single renewal, and no deadlock with appends.</summary>
public sealed class BatchLeaseRenewalTests(PostgresFixture postgres) : PostgresTestBase(postgres)
{
    private const string A = "127.0.0.1:7001:1";
    private const string B = "127.0.0.1:7002:1";

    [PostgresFact]
    public async Task Every_held_lease_is_renewed_by_one_call_with_a_database_time_expiry()
    {
        var held = await HoldAllAsync("agent", 4, A);
        var before = await Store.DatabaseNowAsync(Budget);

        var grants = await Store.TryRenewManyAsync(A, held, TimeSpan.FromMinutes(10), Budget);
        var after = await Store.DatabaseNowAsync(Budget);

        grants.Select(g => (g!.Kind, g.Shard, g.Token)).ShouldBe(held);
        grants.ShouldAllBe(g => g!.ExpiresAt >= before + TimeSpan.FromMinutes(10) && g.ExpiresAt <= after + TimeSpan.FromMinutes(10));
        (await Store.ReadAllAsync(Budget)).Where(r => r.Kind == "agent").Select(r => r.ExpiresAt).ShouldBe(grants.Select(g => g!.ExpiresAt));
    }

    [PostgresFact]
    public async Task Grants_come_back_in_the_order_asked_across_kinds_and_chunks()
    {
        var agents = await HoldAllAsync("agent", 300, A);
        var sessions = await HoldAllAsync("session", 3, A);
        List<(string Kind, int Shard, long Token)> asked = [.. sessions.Concat(agents).Reverse()];

        var grants = await Store.TryRenewManyAsync(A, asked, Ttl, Budget);

        grants.Select(g => (g!.Kind, g.Shard, g.Token)).ShouldBe(asked);
    }

    [PostgresFact]
    public async Task A_lease_taken_over_by_another_node_is_reported_lost_and_not_extended_while_the_others_renew()
    {
        var held = await HoldAllAsync("agent", 3, A);
        await Db.ExpireLeaseAsync(ConnectionString, "agent", 1, TimeSpan.FromSeconds(1));
        var takeover = (await Store.TryAcquireAsync("agent", 1, B, Ttl, Grace, Budget))!;

        var grants = await Store.TryRenewManyAsync(A, held, TimeSpan.FromMinutes(10), Budget);

        grants[1].ShouldBeNull();
        grants[0].ShouldNotBeNull();
        grants[2].ShouldNotBeNull();
        var row = (await Store.ReadAllAsync(Budget)).Single(r => r.Kind == "agent" && r.Shard == 1);
        (row.Owner, row.Token, row.ExpiresAt).ShouldBe((B, takeover.Token, takeover.ExpiresAt));
    }

    [PostgresFact]
    public async Task A_lease_asked_with_a_stale_token_is_reported_lost_and_not_extended()
    {
        var held = await HoldAllAsync("agent", 2, A);
        var before = (await Store.ReadAllAsync(Budget)).Single(r => r.Kind == "agent" && r.Shard == 0);

        var grants = await Store.TryRenewManyAsync(A, [("agent", 0, held[0].Token - 1), held[1]], TimeSpan.FromMinutes(10), Budget);

        grants[0].ShouldBeNull();
        grants[1].ShouldNotBeNull();
        (await Store.ReadAllAsync(Budget)).Single(r => r.Kind == "agent" && r.Shard == 0).ShouldBe(before);
    }

    [PostgresFact]
    public async Task A_released_lease_is_reported_lost_and_stays_free()
    {
        var held = await HoldAllAsync("agent", 2, A);
        (await Store.ReleaseAsync("agent", 0, A, held[0].Token, Budget)).ShouldBeTrue();

        var grants = await Store.TryRenewManyAsync(A, held, Ttl, Budget);

        grants[0].ShouldBeNull();
        (await Store.ReadAllAsync(Budget)).Single(r => r.Kind == "agent" && r.Shard == 0).Owner.ShouldBeNull();
    }

    [PostgresFact]
    public async Task An_expired_lease_nobody_took_over_is_renewed_as_a_single_renewal_would()
    {
        var held = await HoldAllAsync("agent", 1, A);
        await Db.ExpireLeaseAsync(ConnectionString, "agent", 0, TimeSpan.FromSeconds(5));
        var now = await Store.DatabaseNowAsync(Budget);

        var grants = await Store.TryRenewManyAsync(A, held, Ttl, Budget);

        grants[0].ShouldNotBeNull().ExpiresAt.ShouldBeGreaterThan(now);
    }

    [PostgresFact]
    public async Task An_empty_list_is_a_no_op()
    {
        await HoldAllAsync("agent", 2, A);
        var before = await Store.ReadAllAsync(Budget);

        (await Store.TryRenewManyAsync(A, [], Ttl, Budget)).ShouldBeEmpty();

        (await Store.ReadAllAsync(Budget)).ShouldBe(before);
    }

    [PostgresFact]
    public async Task A_lease_listed_twice_or_malformed_is_refused_and_nothing_is_renewed()
    {
        var held = await HoldAllAsync("agent", 2, A);
        var before = await Store.ReadAllAsync(Budget);

        (await Should.ThrowAsync<ArgumentException>(() => Store.TryRenewManyAsync(A, [held[0], held[1], held[0]], Ttl, Budget)))
            .Message.ShouldContain("agent/0 is listed twice");
        await Should.ThrowAsync<ArgumentException>(() => Store.TryRenewManyAsync(A, [held[0], ("agent", -1, 1)], Ttl, Budget));
        await Should.ThrowAsync<ArgumentException>(() => Store.TryRenewManyAsync(A, [held[0], ("", 1, 1)], Ttl, Budget));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Store.TryRenewManyAsync(A, held, TimeSpan.Zero, Budget));

        (await Store.ReadAllAsync(Budget)).ShouldBe(before);
    }

    [PostgresFact]
    public async Task Renewals_running_alongside_appends_on_the_same_shards_complete_without_deadlock()
    {
        const int numShards = 16;
        var held = await HoldAllAsync("agent", numShards, A);
        var entities = Enumerable.Range(0, 10_000).Select(n => $"e-{n}")
            .GroupBy(id => Shards.ShardOf(id, numShards)).OrderBy(g => g.Key).Select(g => g.First()).ToList();
        entities.Count.ShouldBe(numShards);

        // Each appender writes one stream per shard in every batch, so it holds all the lease rows FOR SHARE at once;
        // the renewers ask for the leases in reverse and in shuffled order, which a plain UPDATE could lock in.
        var appenders = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var streams = entities.Select(e => new TestStream($"agent|{e}-{w}", new WriterIdentity(A, held[0].Token))).ToList();
            for (var round = 0; round < 40; round++)
            {
                var batch = streams.Select(s => s.Next(1)).ToList();
                var outcomes = await Journal.AppendAsync(batch, Budget);
                outcomes.ShouldAllBe(o => o.Status == AppendStatus.Committed);
                for (var i = 0; i < streams.Count; i++)
                {
                    streams[i].MarkCommitted(batch[i]);
                }
            }
        }));
        var renewers = Enumerable.Range(0, 3).Select(r => Task.Run(async () =>
        {
            var random = new Random(r);
            for (var round = 0; round < 80; round++)
            {
                List<(string Kind, int Shard, long Token)> asked = r == 0 ? [.. held.AsEnumerable().Reverse()] : [.. held.OrderBy(_ => random.Next())];
                (await Store.TryRenewManyAsync(A, asked, Ttl, Budget)).ShouldAllBe(g => g != null);
            }
        }));

        await Task.WhenAll(appenders.Concat(renewers)).WaitAsync(TimeSpan.FromSeconds(60));

        foreach (var entity in entities)
        {
            (await Journal.ReadHighestSeqNrAsync($"agent|{entity}-0", Budget)).ShouldBe(40);
        }
    }

    /// <summary>Registers <paramref name="kind"/> and has <paramref name="node"/> take every one of its shards.</summary>
    private async Task<List<(string Kind, int Shard, long Token)>> HoldAllAsync(string kind, int numShards, string node)
    {
        await Store.RegisterKindAsync(kind, numShards, Budget);
        var held = new List<(string Kind, int Shard, long Token)>();
        for (var shard = 0; shard < numShards; shard++)
        {
            var grant = (await Store.TryAcquireAsync(kind, shard, node, Ttl, Grace, Budget)).ShouldNotBeNull();
            held.Add((kind, shard, grant.Token));
        }

        return held;
    }
}
