using ActorTrust.Runtime.Journal;
using ActorTrust.TestKit.JournalConformance;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.Persistence.PostgreSql.Tests;

/// <summary>Appends to streams of registered kinds are fenced by the shard lease row (owner node and token).</summary>
public sealed class ShardFencingTests(PostgresFixture postgres) : PostgresTestBase(postgres)
{
    private const string NodeA = "127.0.0.1:7001:1";
    private const string NodeB = "127.0.0.1:7002:2";

    [PostgresFact]
    public async Task Holder_of_the_shard_lease_with_its_token_commits()
    {
        var (_, grant) = await HoldShardOfAsync("agent", "e-1", NodeA);
        var stream = new TestStream("agent|e-1", new WriterIdentity(NodeA, grant.Token));

        var outcome = await AppendOneAsync(stream.Next(3));

        outcome.Status.ShouldBe(AppendStatus.Committed, outcome.Detail);
        (await Journal.ReadHighestSeqNrAsync("agent|e-1", Budget)).ShouldBe(3);
    }

    [PostgresFact]
    public async Task Writer_that_is_not_the_lease_owner_is_fenced_and_the_other_streams_of_its_batch_commit()
    {
        var (shard, grant) = await HoldShardOfAsync("agent", "e-1", NodeA);
        var zombie = new TestStream("agent|e-1", new WriterIdentity(NodeB, grant.Token));
        var unregistered = new TestStream("session|s-1", new WriterIdentity(NodeB, 1));

        var outcomes = await Journal.AppendAsync([zombie.Next(1), unregistered.Next(2)], Budget);

        outcomes.Select(o => o.Status).ShouldBe([AppendStatus.Fenced, AppendStatus.Committed]);
        outcomes[0].Detail.ShouldBe($"shard agent/{shard} is held by {NodeA} with token {grant.Token}; writer {NodeB} has token {grant.Token}");
        (await Journal.ReadHighestSeqNrAsync("agent|e-1", Budget)).ShouldBe(0);
        (await Journal.ReadHighestSeqNrAsync("session|s-1", Budget)).ShouldBe(2);
    }

    [PostgresFact]
    public async Task Old_owner_writing_with_its_token_after_a_takeover_is_fenced()
    {
        var (shard, old) = await HoldShardOfAsync("agent", "e-1", NodeA);
        var stream = new TestStream("agent|e-1", new WriterIdentity(NodeA, old.Token));
        var first = stream.Next(1);
        (await AppendOneAsync(first)).Status.ShouldBe(AppendStatus.Committed);
        stream.MarkCommitted(first);
        await Db.ExpireLeaseAsync(ConnectionString, "agent", shard, TimeSpan.FromSeconds(1));
        var takeover = await Store.TryAcquireAsync("agent", shard, NodeB, Ttl, Grace, Budget);
        takeover.ShouldNotBeNull();

        var outcome = await AppendOneAsync(stream.Next(1));

        outcome.Status.ShouldBe(AppendStatus.Fenced);
        outcome.Detail!.ShouldContain($"held by {NodeB} with token {old.Token + 1}");
        (await Journal.ReadHighestSeqNrAsync("agent|e-1", Budget)).ShouldBe(1);
    }

    [PostgresFact]
    public async Task Holder_of_an_expired_lease_nobody_took_over_still_commits()
    {
        var (shard, grant) = await HoldShardOfAsync("agent", "e-1", NodeA);
        await Db.ExpireLeaseAsync(ConnectionString, "agent", shard, TimeSpan.FromMinutes(5));
        var stream = new TestStream("agent|e-1", new WriterIdentity(NodeA, grant.Token));

        (await AppendOneAsync(stream.Next(1))).Status.ShouldBe(AppendStatus.Committed);
    }

    [PostgresFact]
    public async Task Released_shard_fences_its_former_holder()
    {
        var (shard, grant) = await HoldShardOfAsync("agent", "e-1", NodeA);
        (await Store.ReleaseAsync("agent", shard, NodeA, grant.Token, Budget)).ShouldBeTrue();
        var stream = new TestStream("agent|e-1", new WriterIdentity(NodeA, grant.Token));

        var outcome = await AppendOneAsync(stream.Next(1));

        outcome.Status.ShouldBe(AppendStatus.Fenced);
        outcome.Detail!.ShouldContain("held by nobody");
    }

    [PostgresFact]
    public async Task Takeover_waits_for_an_append_holding_the_lease_row_for_share_and_then_fences_the_old_owner()
    {
        var (shard, grant) = await HoldShardOfAsync("agent", "e-1", NodeA);
        await Db.ExpireLeaseAsync(ConnectionString, "agent", shard, TimeSpan.FromMinutes(1)); // open for takeover
        var stream = new TestStream("agent|e-1", new WriterIdentity(NodeA, grant.Token));
        var append = stream.Next(1);

        // A raw transaction holds seq 1's key, so the append stops at its INSERT — after its FOR SHARE lock.
        await using var blocker = await Db.OpenAsync(ConnectionString);
        await using var blockerTx = await blocker.BeginTransactionAsync();
        await Db.InsertRawEventAsync(blocker, "agent|e-1", seqNr: 1);
        var appending = Journal.AppendAsync([append], Budget);
        await Db.WaitUntilBlockedOnLockAsync(ConnectionString, "INSERT INTO journal");

        var takingOver = Store.TryAcquireAsync("agent", shard, NodeB, Ttl, Grace, Budget);
        await Db.WaitUntilBlockedOnLockAsync(ConnectionString, "UPDATE shard_leases");
        takingOver.IsCompleted.ShouldBeFalse();
        appending.IsCompleted.ShouldBeFalse();

        await blockerTx.RollbackAsync();
        var outcome = (await appending.WaitAsync(TimeSpan.FromSeconds(30))).Single();
        var takeover = await takingOver.WaitAsync(TimeSpan.FromSeconds(30));

        outcome.Status.ShouldBe(AppendStatus.Committed, outcome.Detail);
        takeover.ShouldNotBeNull();
        takeover.Token.ShouldBe(grant.Token + 1);
        stream.MarkCommitted(append);
        (await AppendOneAsync(stream.Next(1))).Status.ShouldBe(AppendStatus.Fenced);
    }

    [PostgresFact]
    public async Task A_kind_registered_while_the_journal_runs_is_fenced_from_then_on()
    {
        var stream = new TestStream("agent|e-1", new WriterIdentity(NodeA, 1));
        var first = stream.Next(1);
        (await AppendOneAsync(first)).Status.ShouldBe(AppendStatus.Committed); // not registered yet: no shard check
        stream.MarkCommitted(first);

        await HoldShardOfAsync("agent", "e-1", NodeB);
        var outcome = await AppendOneAsync(stream.Next(1));

        outcome.Status.ShouldBe(AppendStatus.Fenced);
        outcome.Detail!.ShouldContain($"held by {NodeB}");
    }
}
