using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;
using ActorTrust.TestKit.JournalConformance;

namespace ActorTrust.Persistence.Sqlite.Tests;

/// <summary>Embedded-mode leases over the SQLite journal's shard_leases table.</summary>
public sealed class EmbeddedShardLeasesTests : IDisposable
{
    private const string FirstIncarnation = "127.0.0.1:7001:1";
    private const string SecondIncarnation = "127.0.0.1:7001:2";
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task The_single_node_holds_every_lease_with_a_stable_token()
    {
        await using var journal = await _database.OpenAsync(CancellationToken.None);
        var leases = await EmbeddedShardLeases.StartAsync(journal, FirstIncarnation, CancellationToken.None);

        var first = await leases.AcquireAsync("agent", 3, CancellationToken.None);
        var again = await leases.AcquireAsync("agent", 3, CancellationToken.None);
        var other = await leases.AcquireAsync("session", 0, CancellationToken.None);

        first.ShouldBe(new ShardLease("agent", 3, FirstIncarnation, 1));
        again.ShouldBe(first);
        other.ShouldBe(new ShardLease("session", 0, FirstIncarnation, 1));
    }

    [Fact]
    public async Task A_restarted_node_writes_with_higher_tokens_and_fences_the_previous_process()
    {
        var stream = new TestStream("agent|a-1", new WriterIdentity(FirstIncarnation, 0));
        StreamAppend zombieAppend;
        await using (var journal = await _database.OpenAsync(CancellationToken.None))
        {
            var leases = await EmbeddedShardLeases.StartAsync(journal, FirstIncarnation, CancellationToken.None);
            var lease = await leases.AcquireAsync("agent", Shards.ShardOf("a-1", 16), CancellationToken.None);
            stream.Writer = new WriterIdentity(FirstIncarnation, lease.FencingToken);
            var append = stream.Next(2);
            (await journal.AppendAsync([append], CancellationToken.None))[0].Status.ShouldBe(AppendStatus.Committed);
            stream.MarkCommitted(append);
            zombieAppend = stream.Next(1);
        }

        await using var restarted = await _database.OpenAsync(CancellationToken.None);
        var newLeases = await EmbeddedShardLeases.StartAsync(restarted, SecondIncarnation, CancellationToken.None);
        var newLease = await newLeases.AcquireAsync("agent", Shards.ShardOf("a-1", 16), CancellationToken.None);
        newLease.FencingToken.ShouldBeGreaterThan(stream.Writer.FencingToken);
        newLease.OwnerNode.ShouldBe(SecondIncarnation);
        var newAppend = stream.Next(1, new WriterIdentity(SecondIncarnation, newLease.FencingToken));
        (await restarted.AppendAsync([newAppend], CancellationToken.None))[0].Status.ShouldBe(AppendStatus.Committed);
        stream.MarkCommitted(newAppend);

        // Had the previous process survived, even an append on the current head is refused: its token is older.
        var zombieOnHead = stream.Next(1, zombieAppend.Writer);
        (await restarted.AppendAsync([zombieOnHead], CancellationToken.None))[0].Status.ShouldBe(AppendStatus.Fenced);
    }

    [Fact]
    public async Task Claiming_all_leases_raises_every_recorded_token_even_for_the_same_node_id()
    {
        await using var journal = await _database.OpenAsync(CancellationToken.None);
        await journal.AcquireLeaseAsync("agent", 0, FirstIncarnation, CancellationToken.None);
        await journal.AcquireLeaseAsync("agent", 1, FirstIncarnation, CancellationToken.None);
        await journal.AcquireLeaseAsync("agent", 1, SecondIncarnation, CancellationToken.None);

        var claimed = await journal.ClaimAllLeasesAsync(FirstIncarnation, CancellationToken.None);

        claimed.ShouldBe(2);
        (await journal.AcquireLeaseAsync("agent", 0, FirstIncarnation, CancellationToken.None)).ShouldBe(2);
        (await journal.AcquireLeaseAsync("agent", 1, FirstIncarnation, CancellationToken.None)).ShouldBe(3);
    }

    public void Dispose() => _database.Dispose();
}
