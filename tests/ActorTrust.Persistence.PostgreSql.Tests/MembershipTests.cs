using ActorTrust.Runtime.Cluster;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.Persistence.PostgreSql.Tests;

/// <summary>Membership writes are compare-and-set on the version row; dead members stay dead; times are database time.</summary>
public sealed class MembershipTests(PostgresFixture postgres) : PostgresTestBase(postgres)
{
    private static readonly NodeId Node1 = new("10.0.0.1", 7001, 638_000_000_000_000_001);
    private static readonly NodeId Node2 = new("10.0.0.2", 7001, 638_000_000_000_000_002);

    private static MemberRow Row(NodeId node, MemberStatus status, params SuspectVote[] votes) =>
        new(node, $"http://{node.Endpoint}", status, votes, "1.0.0", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [PostgresFact]
    public async Task A_new_cluster_is_empty_at_version_zero()
    {
        var snapshot = await Store.ReadAsync(Budget);

        snapshot.Version.ShouldBe(0);
        snapshot.Members.ShouldBeEmpty();
    }

    [PostgresFact]
    public async Task A_write_at_the_current_version_lands_and_bumps_the_version()
    {
        var before = await Store.DatabaseNowAsync(Budget);

        (await Store.TryWriteAsync(Row(Node1, MemberStatus.Joining), 0, Budget)).ShouldBeTrue();
        (await Store.TryWriteAsync(Row(Node1, MemberStatus.Active), 1, Budget)).ShouldBeTrue();
        var after = await Store.DatabaseNowAsync(Budget);

        var snapshot = await Store.ReadAsync(Budget);
        snapshot.Version.ShouldBe(2);
        var member = snapshot.Find(Node1).ShouldNotBeNull();
        (member.Status, member.Address, member.AppVersion).ShouldBe((MemberStatus.Active, "http://10.0.0.1:7001", "1.0.0"));
        member.StartedAt.ShouldBeInRange(before, after); // database time, not the row's epoch placeholder
        member.IAmAliveAt.ShouldBeInRange(before, after);
    }

    [PostgresFact]
    public async Task A_write_at_a_stale_version_is_refused_and_changes_nothing()
    {
        (await Store.TryWriteAsync(Row(Node1, MemberStatus.Active), 0, Budget)).ShouldBeTrue();

        (await Store.TryWriteAsync(Row(Node2, MemberStatus.Joining), 0, Budget)).ShouldBeFalse();
        (await Store.TryWriteAsync(Row(Node1, MemberStatus.ShuttingDown), 0, Budget)).ShouldBeFalse();

        var snapshot = await Store.ReadAsync(Budget);
        snapshot.Version.ShouldBe(1);
        snapshot.Members.Select(m => (m.Node, m.Status)).ShouldBe([(Node1, MemberStatus.Active)]);
    }

    [PostgresFact]
    public async Task Concurrent_writers_at_one_version_have_exactly_one_winner()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => Store.TryWriteAsync(Row(new NodeId("10.0.0.9", 7000 + i, 1), MemberStatus.Joining), 0, Budget))));

        results.Count(r => r).ShouldBe(1);
        var snapshot = await Store.ReadAsync(Budget);
        snapshot.Version.ShouldBe(1);
        snapshot.Members.Count.ShouldBe(1);
    }

    [PostgresFact]
    public async Task A_dead_member_is_never_written_back_to_life_I8()
    {
        (await Store.TryWriteAsync(Row(Node1, MemberStatus.Active), 0, Budget)).ShouldBeTrue();
        (await Store.TryWriteAsync(Row(Node1, MemberStatus.Dead), 1, Budget)).ShouldBeTrue();

        (await Store.TryWriteAsync(Row(Node1, MemberStatus.Active), 2, Budget)).ShouldBeFalse();
        (await Store.TryWriteAsync(Row(Node1, MemberStatus.Joining), 2, Budget)).ShouldBeFalse();

        var snapshot = await Store.ReadAsync(Budget);
        snapshot.Version.ShouldBe(2);
        snapshot.Find(Node1)!.Status.ShouldBe(MemberStatus.Dead);
        var restarted = Node1 with { Incarnation = Node1.Incarnation + 1 };
        (await Store.TryWriteAsync(Row(restarted, MemberStatus.Joining), 2, Budget)).ShouldBeTrue(); // a new incarnation may join
    }

    [PostgresFact]
    public async Task Suspect_votes_round_trip()
    {
        var at = new DateTimeOffset(2026, 11, 22, 1, 2, 3, 456, TimeSpan.Zero);
        (await Store.TryWriteAsync(Row(Node1, MemberStatus.Active, new SuspectVote(Node2.ToString(), at)), 0, Budget)).ShouldBeTrue();

        var votes = (await Store.ReadAsync(Budget)).Find(Node1)!.SuspectVotes;

        votes.ShouldBe([new SuspectVote(Node2.ToString(), at)]);
    }

    [PostgresFact]
    public async Task I_am_alive_is_stamped_with_database_time_without_a_version_change()
    {
        (await Store.TryWriteAsync(Row(Node1, MemberStatus.Active), 0, Budget)).ShouldBeTrue();
        var first = (await Store.ReadAsync(Budget)).Find(Node1)!.IAmAliveAt;
        var before = await Store.DatabaseNowAsync(Budget);

        await Store.UpdateIAmAliveAsync(Node1, Budget);
        var after = await Store.DatabaseNowAsync(Budget);

        var snapshot = await Store.ReadAsync(Budget);
        snapshot.Version.ShouldBe(1);
        snapshot.Find(Node1)!.IAmAliveAt.ShouldBeInRange(before, after);
        snapshot.Find(Node1)!.IAmAliveAt.ShouldBeGreaterThan(first);
    }

    [PostgresFact]
    public async Task I_am_alive_for_an_unknown_node_is_refused()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() => Store.UpdateIAmAliveAsync(Node2, Budget));

        error.Message.ShouldContain("is not a member of cluster 'default'");
    }

    [PostgresFact]
    public async Task Database_time_is_the_server_clock_in_utc()
    {
        var serverBefore = await Db.ScalarAsync<DateTime>(ConnectionString, "SELECT clock_timestamp()");

        var now = await Store.DatabaseNowAsync(Budget);

        var serverAfter = await Db.ScalarAsync<DateTime>(ConnectionString, "SELECT clock_timestamp()");
        now.Offset.ShouldBe(TimeSpan.Zero);
        now.UtcDateTime.ShouldBeInRange(serverBefore, serverAfter);
    }
}
