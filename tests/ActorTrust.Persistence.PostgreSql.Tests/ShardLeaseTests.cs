using ActorTrust.Runtime.Cluster;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.Persistence.PostgreSql.Tests;

/// <summary>Lease acquire, renew, release, expiry and desired-owner hints, all in database time.</summary>
public sealed class ShardLeaseTests(PostgresFixture postgres) : PostgresTestBase(postgres)
{
    private const string A = "127.0.0.1:7001:1";
    private const string B = "127.0.0.1:7002:1";
    private const string C = "127.0.0.1:7003:1";
    private const string Coordinator = ClusterLeaseStore.CoordinatorKind;

    [PostgresFact]
    public async Task Registering_a_kind_creates_one_free_lease_row_per_shard()
    {
        await Store.RegisterKindAsync("agent", 4, Budget);

        var rows = await Store.ReadAllAsync(Budget);

        rows.Select(r => (r.Kind, r.Shard)).ShouldBe([(Coordinator, 0), ("agent", 0), ("agent", 1), ("agent", 2), ("agent", 3)]);
        rows.ShouldAllBe(r => r.Owner == null && r.Token == 0 && r.DesiredOwner == null);
        (await Store.ReadKindsAsync(Budget)).ShouldBe(new Dictionary<string, int> { ["agent"] = 4 });
    }

    [PostgresFact]
    public async Task Registering_a_kind_again_with_the_same_count_changes_nothing()
    {
        await Store.RegisterKindAsync("agent", 4, Budget);
        var grant = await Store.TryAcquireAsync("agent", 1, A, Ttl, Grace, Budget);

        await Store.RegisterKindAsync("agent", 4, Budget);

        (await Store.ReadAllAsync(Budget)).Single(r => r.Kind == "agent" && r.Shard == 1).Token.ShouldBe(grant!.Token);
    }

    [PostgresFact]
    public async Task Registering_a_kind_with_another_shard_count_is_refused_I10()
    {
        await Store.RegisterKindAsync("agent", 4, Budget);

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => Store.RegisterKindAsync("agent", 8, Budget));

        refused.Message.ShouldContain("'agent' is registered with 4 shards");
        (await Store.ReadAllAsync(Budget)).Count(r => r.Kind == "agent").ShouldBe(4);
        (await Store.ReadKindsAsync(Budget))["agent"].ShouldBe(4);
    }

    [PostgresFact]
    public async Task Reserved_or_malformed_kind_names_are_refused()
    {
        await Should.ThrowAsync<ArgumentException>(() => Store.RegisterKindAsync(Coordinator, 1, Budget));
        await Should.ThrowAsync<ArgumentException>(() => Store.RegisterKindAsync("a|b", 1, Budget));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Store.RegisterKindAsync("agent", 0, Budget));
        (await Store.ReadKindsAsync(Budget)).ShouldBeEmpty();
    }

    [PostgresFact]
    public async Task A_free_lease_is_acquired_with_the_next_token_and_a_database_time_expiry()
    {
        await Store.RegisterKindAsync("agent", 4, Budget);
        var before = await Store.DatabaseNowAsync(Budget);

        var grant = await Store.TryAcquireAsync("agent", 2, A, Ttl, Grace, Budget);
        var after = await Store.DatabaseNowAsync(Budget);

        grant.ShouldNotBeNull();
        (grant.Kind, grant.Shard, grant.Token, grant.DesiredOwner).ShouldBe(("agent", 2, 1L, (string?)null));
        grant.ExpiresAt.ShouldBeInRange(before + Ttl, after + Ttl);
        (await Store.ReadAllAsync(Budget)).Single(r => r.Kind == "agent" && r.Shard == 2).Owner.ShouldBe(A);
    }

    [PostgresFact]
    public async Task A_held_unexpired_lease_cannot_be_acquired_by_anyone()
    {
        await Store.RegisterKindAsync("agent", 4, Budget);
        await Store.TryAcquireAsync("agent", 0, A, Ttl, Grace, Budget);

        (await Store.TryAcquireAsync("agent", 0, B, Ttl, Grace, Budget)).ShouldBeNull();
        (await Store.TryAcquireAsync("agent", 0, A, Ttl, Grace, Budget)).ShouldBeNull();
        (await Store.ReadAllAsync(Budget)).Single(r => r.Kind == "agent" && r.Shard == 0).Token.ShouldBe(1);
    }

    [PostgresFact]
    public async Task The_holder_renews_with_its_token_and_a_wrong_node_or_token_does_not()
    {
        await Store.RegisterKindAsync("agent", 4, Budget);
        var grant = (await Store.TryAcquireAsync("agent", 0, A, TimeSpan.FromSeconds(5), Grace, Budget))!;

        var renewed = await Store.TryRenewAsync("agent", 0, A, grant.Token, TimeSpan.FromMinutes(10), Budget);

        renewed.ShouldNotBeNull();
        renewed.Token.ShouldBe(grant.Token);
        renewed.ExpiresAt.ShouldBeGreaterThan(grant.ExpiresAt + TimeSpan.FromMinutes(9));
        (await Store.TryRenewAsync("agent", 0, A, grant.Token - 1, Ttl, Budget)).ShouldBeNull();
        (await Store.TryRenewAsync("agent", 0, B, grant.Token, Ttl, Budget)).ShouldBeNull();
    }

    [PostgresFact]
    public async Task A_released_lease_is_free_and_the_next_owner_gets_a_higher_token()
    {
        await Store.RegisterKindAsync("agent", 4, Budget);
        var first = (await Store.TryAcquireAsync("agent", 0, A, Ttl, Grace, Budget))!;

        (await Store.ReleaseAsync("agent", 0, A, first.Token, Budget)).ShouldBeTrue();
        (await Store.ReleaseAsync("agent", 0, A, first.Token, Budget)).ShouldBeFalse();
        (await Store.TryRenewAsync("agent", 0, A, first.Token, Ttl, Budget)).ShouldBeNull();
        var second = await Store.TryAcquireAsync("agent", 0, B, Ttl, Grace, Budget);

        second.ShouldNotBeNull();
        second.Token.ShouldBe(first.Token + 1);
    }

    [PostgresFact]
    public async Task An_expired_lease_is_taken_over_and_the_old_holder_can_no_longer_renew_or_release()
    {
        await Store.RegisterKindAsync("agent", 4, Budget);
        var old = (await Store.TryAcquireAsync("agent", 3, A, Ttl, Grace, Budget))!;
        await Db.ExpireLeaseAsync(ConnectionString, "agent", 3, TimeSpan.FromSeconds(1));

        var takeover = await Store.TryAcquireAsync("agent", 3, B, Ttl, Grace, Budget);

        takeover.ShouldNotBeNull();
        takeover.Token.ShouldBe(old.Token + 1);
        (await Store.TryRenewAsync("agent", 3, A, old.Token, Ttl, Budget)).ShouldBeNull();
        (await Store.ReleaseAsync("agent", 3, A, old.Token, Budget)).ShouldBeFalse();
    }

    [PostgresFact]
    public async Task Tokens_strictly_increase_over_every_change_of_owner_I1()
    {
        await Store.RegisterKindAsync("agent", 1, Budget);
        var tokens = new List<long>();
        string[] owners = [A, B, C, A, C, B];
        foreach (var (owner, i) in owners.Select((o, i) => (o, i)))
        {
            var grant = (await Store.TryAcquireAsync("agent", 0, owner, Ttl, Grace, Budget))!;
            tokens.Add(grant.Token);
            if (i % 2 == 0)
            {
                (await Store.ReleaseAsync("agent", 0, owner, grant.Token, Budget)).ShouldBeTrue();
            }
            else
            {
                await Db.ExpireLeaseAsync(ConnectionString, "agent", 0, TimeSpan.FromSeconds(1));
            }
        }

        tokens.ShouldBe([1L, 2, 3, 4, 5, 6]);
    }

    [PostgresFact]
    public async Task Nodes_racing_for_one_free_lease_get_it_once()
    {
        await Store.RegisterKindAsync("agent", 1, Budget);

        var grants = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => Store.TryAcquireAsync("agent", 0, $"127.0.0.1:{7100 + i}:1", Ttl, Grace, Budget))));

        grants.Count(g => g is not null).ShouldBe(1);
        grants.Single(g => g is not null)!.Token.ShouldBe(1);
    }

    [PostgresFact]
    public async Task A_desired_owner_hint_is_written_only_under_the_coordinator_lease_and_token()
    {
        await Store.RegisterKindAsync("agent", 4, Budget);
        var coordinator = (await Store.TryAcquireAsync(Coordinator, 0, C, Ttl, Grace, Budget))!;

        (await Store.SetDesiredOwnerAsync("agent", 1, B, C, coordinator.Token + 1, Budget)).ShouldBeFalse();
        (await Store.SetDesiredOwnerAsync("agent", 1, B, A, coordinator.Token, Budget)).ShouldBeFalse();
        (await Store.ReadAllAsync(Budget)).Single(r => r.Kind == "agent" && r.Shard == 1).DesiredOwner.ShouldBeNull();

        (await Store.SetDesiredOwnerAsync("agent", 1, B, C, coordinator.Token, Budget)).ShouldBeTrue();
        (await Store.ReadAllAsync(Budget)).Single(r => r.Kind == "agent" && r.Shard == 1).DesiredOwner.ShouldBe(B);
        (await Store.SetDesiredOwnerAsync("agent", 1, null, C, coordinator.Token, Budget)).ShouldBeTrue();
        (await Store.ReadAllAsync(Budget)).Single(r => r.Kind == "agent" && r.Shard == 1).DesiredOwner.ShouldBeNull();
    }

    [PostgresFact]
    public async Task The_holder_learns_the_hint_on_renew_and_only_the_hinted_node_acquires_within_the_grace()
    {
        await Store.RegisterKindAsync("agent", 4, Budget);
        var coordinator = (await Store.TryAcquireAsync(Coordinator, 0, C, Ttl, Grace, Budget))!;
        var held = (await Store.TryAcquireAsync("agent", 2, A, Ttl, Grace, Budget))!;
        (await Store.SetDesiredOwnerAsync("agent", 2, B, C, coordinator.Token, Budget)).ShouldBeTrue();

        var renewed = (await Store.TryRenewAsync("agent", 2, A, held.Token, Ttl, Budget))!;
        renewed.DesiredOwner.ShouldBe(B);
        (await Store.ReleaseAsync("agent", 2, A, held.Token, Budget)).ShouldBeTrue();

        (await Store.TryAcquireAsync("agent", 2, C, Ttl, Grace, Budget)).ShouldBeNull();
        var hinted = await Store.TryAcquireAsync("agent", 2, B, Ttl, Grace, Budget);

        hinted.ShouldNotBeNull();
        hinted.Token.ShouldBe(held.Token + 1);
        (await Store.ReadAllAsync(Budget)).Single(r => r.Kind == "agent" && r.Shard == 2).DesiredOwner.ShouldBeNull();
    }

    [PostgresFact]
    public async Task Another_node_acquires_once_the_lease_is_past_expiry_plus_the_desired_owner_grace()
    {
        await Store.RegisterKindAsync("agent", 4, Budget);
        var coordinator = (await Store.TryAcquireAsync(Coordinator, 0, C, Ttl, Grace, Budget))!;
        var held = (await Store.TryAcquireAsync("agent", 2, A, Ttl, Grace, Budget))!;
        (await Store.SetDesiredOwnerAsync("agent", 2, B, C, coordinator.Token, Budget)).ShouldBeTrue();

        await Db.ExpireLeaseAsync(ConnectionString, "agent", 2, Grace - TimeSpan.FromSeconds(2)); // expired, within the grace
        (await Store.TryAcquireAsync("agent", 2, C, Ttl, Grace, Budget)).ShouldBeNull();

        await Db.ExpireLeaseAsync(ConnectionString, "agent", 2, Grace + TimeSpan.FromSeconds(1)); // the hinted node never came
        var grant = await Store.TryAcquireAsync("agent", 2, C, Ttl, Grace, Budget);

        grant.ShouldNotBeNull();
        grant.Token.ShouldBe(held.Token + 1);
    }
}
