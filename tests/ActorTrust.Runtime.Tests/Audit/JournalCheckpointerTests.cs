using ActorTrust.Core.Audit;
using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Audit;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Runtime.Tests.Audit;

public sealed class JournalCheckpointerTests
{
    [Fact]
    public async Task Checkpoint_holds_every_stream_head_sorted_and_the_end_of_the_feed()
    {
        await using var fx = await AuditFixture.WithCountersAsync(3, 2);
        var a = (await fx.StreamAsync("counter|a"))[^1];
        var b = (await fx.StreamAsync("counter|b"))[^1];

        var stored = await fx.CheckpointAsync();

        stored.Checkpoint.Heads.ShouldBe([new StreamHead("counter|a", 3, a.Hash), new StreamHead("counter|b", 2, b.Hash)]);
        stored.Checkpoint.GlobalPosition.ShouldBe(5);
        stored.Checkpoint.StreamCount.ShouldBe(2);
        stored.Checkpoint.Node.ShouldBe(AuditFixture.Node.Node);
        stored.Checkpoint.CreatedAt.ShouldBe(fx.Runtime.Time.GetUtcNow());
        stored.SeqNr.ShouldBe(1);
        stored.GlobalPosition.ShouldBe(6);
    }

    [Fact]
    public async Task Stored_checkpoint_is_a_chained_event_whose_envelope_verifies_under_the_node_key()
    {
        await using var fx = await AuditFixture.WithCountersAsync(2);

        var stored = await fx.CheckpointAsync();

        var record = (await fx.StreamAsync(CheckpointStream.PersistenceId)).ShouldHaveSingleItem();
        record.EventType.ShouldBe(CheckpointStream.EventType);
        record.WriterNode.ShouldBe(AuditFixture.Node.Node);
        new ChainVerifier(CheckpointStream.PersistenceId).Check(record).ShouldBeNull();
        var verdict = JournalCheckpointEnvelope.Verify(CheckpointStream.DecodePayload(record.Payload),
            JournalCheckpointEnvelope.PolicyFor([fx.NodeKey.PublicKey]));
        verdict.Checkpoint.ShouldBe(stored.Checkpoint);
    }

    [Fact]
    public async Task Next_checkpoint_covers_new_events_and_never_lists_the_checkpoint_stream()
    {
        await using var fx = await AuditFixture.WithCountersAsync(3, 2);
        await fx.CheckpointAsync();
        await fx.AddEventsAsync("a", 2);
        await fx.AddEventsAsync("c", 1);

        var second = await fx.CheckpointAsync();

        second.Checkpoint.Heads.Select(h => (h.PersistenceId, h.SeqNr)).ShouldBe([("counter|a", 5L), ("counter|b", 2L), ("counter|c", 1L)]);
        second.Checkpoint.GlobalPosition.ShouldBe(9);
        second.SeqNr.ShouldBe(2);
        (await fx.VerifyAsync()).IsClean.ShouldBeTrue();
    }

    [Fact]
    public async Task Nothing_committed_since_the_last_checkpoint_writes_no_new_one()
    {
        await using var fx = await AuditFixture.WithCountersAsync(2);
        await fx.CheckpointAsync();

        var again = await fx.Checkpointer.CheckpointAsync(CancellationToken.None);

        again.ShouldBeNull();
        (await fx.StreamAsync(CheckpointStream.PersistenceId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Checkpoint_of_an_empty_journal_has_no_heads_and_the_empty_tree_root()
    {
        await using var fx = await AuditFixture.WithCountersAsync();

        var stored = await fx.CheckpointAsync();

        stored.Checkpoint.Heads.ShouldBeEmpty();
        stored.Checkpoint.HeadsRoot.ShouldBe(MerkleTree.EmptyRoot);
        stored.Checkpoint.GlobalPosition.ShouldBe(0);
    }

    [Fact]
    public async Task Restarted_checkpointer_catches_up_from_the_feed_and_continues_the_chain()
    {
        await using var fx = await AuditFixture.WithCountersAsync(2);
        await fx.CheckpointAsync();
        await fx.AddEventsAsync("b", 1);
        using var restarted = fx.CheckpointerFor(fx.Journal, fx.NodeKey);

        var stored = await restarted.CheckpointAsync(CancellationToken.None);

        stored!.SeqNr.ShouldBe(2);
        stored.Checkpoint.Heads.Select(h => h.PersistenceId).ShouldBe(["counter|a", "counter|b"]);
        (await fx.VerifyAsync()).IsClean.ShouldBeTrue();
    }

    [Fact]
    public async Task Checkpoint_stream_written_concurrently_is_refused_and_the_next_checkpoint_recovers()
    {
        await using var fx = await AuditFixture.WithCountersAsync(2);
        await LoseTheCheckpointRaceAsync(fx);

        await fx.AddEventsAsync("a", 1);
        var recovered = await fx.CheckpointAsync();

        recovered.SeqNr.ShouldBe(2);
        (await fx.VerifyAsync()).IsClean.ShouldBeTrue();
    }

    [Fact]
    public async Task A_checkpointer_that_loses_the_race_continues_from_its_cursor_without_reading_the_journal_again()
    {
        await using var fx = await AuditFixture.WithCountersAsync(3, 2);
        await LoseTheCheckpointRaceAsync(fx);
        await fx.AddEventsAsync("b", 1);
        fx.Journal.FeedReadsAfter.Clear();

        var recovered = await fx.CheckpointAsync();

        fx.Journal.FeedReadsAfter.ShouldNotBeEmpty();
        fx.Journal.FeedReadsAfter.ShouldAllBe(after => after >= 5); // the five counter events were read before the race
        recovered.SeqNr.ShouldBe(2);
        recovered.Checkpoint.Heads.Select(h => (h.PersistenceId, h.SeqNr)).ShouldBe([("counter|a", 3L), ("counter|b", 3L)]);
        (await fx.VerifyAsync()).IsClean.ShouldBeTrue();
    }

    /// <summary>
    /// A rival checkpointer commits seq 1 of the checkpoint stream just before the fixture's own checkpointer appends; the
    /// fixture's attempt is refused.
    /// </summary>
    private static async Task LoseTheCheckpointRaceAsync(AuditFixture fx)
    {
        using var rival = fx.CheckpointerFor(fx.Journal, fx.NodeKey);
        var raced = false;
        fx.Journal.BeforeAppend = async batch =>
        {
            if (!raced && batch[0].PersistenceId == CheckpointStream.PersistenceId)
            {
                raced = true;
                await rival.CheckpointAsync(CancellationToken.None); // commits seq 1 first
            }
        };
        await Should.ThrowAsync<InvalidOperationException>(() => fx.Checkpointer.CheckpointAsync(CancellationToken.None));
        fx.Journal.BeforeAppend = null;
    }
}
