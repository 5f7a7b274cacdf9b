using ActorTrust.Runtime.Journal;
using ActorTrust.TestKit.JournalConformance;
using ActorTrust.TestKit.MultiNode;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.MultiNode.Tests;

/// <summary>Spec 9: with the leases bypassed, the (persistence_id, seq_nr) key still lets exactly one writer win (I2).</summary>
public sealed class BackstopSpecs(MultiNodeFixture fixture) : MultiNodeSpec(fixture)
{
    [PostgresFact]
    public async Task Two_nodes_writing_one_stream_past_the_leases_get_exactly_one_winner_and_their_batch_partners_commit()
    {
        var cluster = await StartClusterAsync(new TestClusterOptions { Nodes = 2 });
        var (a, b) = (cluster[0], cluster[1]);
        var shard = a.ServedShards[0];
        var lease = (await cluster.LeasesAsync()).Single(l => l.Shard == shard);
        var holder = new WriterIdentity(lease.Owner!, lease.Token); // both writers claim the real holder: the lease check passes
        string Pid(int nth) => PersistenceIds.For(LedgerDecider.KindName, cluster.EntityIn(shard, nth));

        for (var round = 0; round < 5; round++)
        {
            var contested = Pid(10 + (round * 3));
            var fromA = a.PostgresJournal.AppendAsync([new TestStream(contested, holder).Next(1), new TestStream(Pid(11 + (round * 3)), holder).Next(1)], CancellationToken.None);
            var fromB = b.PostgresJournal.AppendAsync([new TestStream(contested, holder).Next(1), new TestStream(Pid(12 + (round * 3)), holder).Next(1)], CancellationToken.None);
            var outcomes = await Task.WhenAll(fromA, fromB);

            outcomes.Count(o => o[0].Status == AppendStatus.Committed).ShouldBe(1, $"round {round}: exactly one writer wins seq 1");
            outcomes.Single(o => o[0].Status != AppendStatus.Committed)[0].Status.ShouldBe(AppendStatus.SequenceConflict);
            outcomes.ShouldAllBe(o => o[1].Status == AppendStatus.Committed, "a batch partner is not failed by the loser's conflict");
            (await cluster.AuditJournal.ReadHighestSeqNrAsync(contested, CancellationToken.None)).ShouldBe(1);
        }

        (await cluster.AuditAsync()).Events.ShouldBe(15);
    }
}
