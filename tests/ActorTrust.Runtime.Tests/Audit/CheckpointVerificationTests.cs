using ActorTrust.Core.Audit;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Audit;
using ActorTrust.Runtime.Journal;
using static ActorTrust.Runtime.Tests.Audit.TamperDetectionTests;

namespace ActorTrust.Runtime.Tests.Audit;

public sealed class CheckpointVerificationTests
{
    [Fact]
    public async Task Checkpoint_signed_by_an_untrusted_key_is_reported_and_not_relied_on()
    {
        await using var fx = await AuditFixture.WithCountersAsync(3);
        using var intruder = fx.CheckpointerFor(fx.Journal, fx.IntruderKey);
        await intruder.CheckpointAsync(CancellationToken.None);

        var report = await fx.VerifyAsync();

        ShouldName(report, CheckpointStream.PersistenceId, 1, ChainViolationKind.CheckpointInvalid);
        report.Violations[0].Message.ShouldContain(nameof(JournalCheckpointRejection.UntrustedSignature));
        report.CheckpointsChecked.ShouldBe(1);
        report.CheckpointsVerified.ShouldBe(0);
        report.LatestCheckpoint.ShouldBeNull();
    }

    [Fact]
    public async Task Forged_checkpoint_root_is_reported_even_under_the_node_key()
    {
        await using var fx = await AuditFixture.WithCountersAsync(3);
        var honest = (await fx.CheckpointAsync()).Checkpoint;
        var forged = honest with { HeadsRoot = Digest.Sha256("forged"u8) };
        await fx.AppendCheckpointAsync(JournalCheckpointEnvelope.Sign(forged, new Ed25519EnvelopeSigner(fx.NodeKey)));

        var report = await fx.VerifyAsync();

        ShouldName(report, CheckpointStream.PersistenceId, 2, ChainViolationKind.CheckpointInvalid);
        report.Violations[0].Message.ShouldContain(nameof(JournalCheckpointRejection.RootMismatch));
        report.CheckpointsVerified.ShouldBe(1);
    }

    [Fact]
    public async Task Stream_rewritten_consistently_after_a_checkpoint_is_caught_by_the_checkpoint()
    {
        await using var fx = await AuditFixture.WithCountersAsync(5, 2);
        await fx.CheckpointAsync();
        await RewriteFromAsync(fx, "counter|a", 3);
        (await ChainViolationsAsync(fx, "counter|a")).ShouldBeNull("the rewrite keeps the chain intact");

        var report = await fx.VerifyAsync();

        ShouldName(report, "counter|a", 5, ChainViolationKind.CheckpointMismatch);
    }

    [Fact]
    public async Task Rewrite_is_named_at_the_earliest_checkpointed_event_that_differs()
    {
        await using var fx = await AuditFixture.WithCountersAsync(3);
        await fx.CheckpointAsync();
        await fx.AddEventsAsync("a", 3);
        await fx.CheckpointAsync();
        await RewriteFromAsync(fx, "counter|a", 2);

        var report = await fx.VerifyAsync();

        ShouldName(report, "counter|a", 3, ChainViolationKind.CheckpointMismatch);
    }

    [Fact]
    public async Task Two_checkpoints_that_disagree_about_an_event_are_an_equivocation()
    {
        await using var fx = await AuditFixture.WithCountersAsync(2);
        var honest = (await fx.CheckpointAsync()).Checkpoint;
        var other = JournalCheckpoint.Create(honest.Node, honest.CreatedAt, honest.GlobalPosition,
            [honest.Heads[0] with { Hash = Digest.Sha256("other history"u8) }]);
        await fx.AppendCheckpointAsync(JournalCheckpointEnvelope.Sign(other, new Ed25519EnvelopeSigner(fx.NodeKey)));

        var report = await fx.VerifyAsync();

        ShouldName(report, "counter|a", 2, ChainViolationKind.CheckpointMismatch);
        report.Violations[0].Message.ShouldContain("equivocation");
    }

    [Fact]
    public async Task Checkpoint_held_outside_the_journal_catches_truncation_even_of_the_checkpoint_stream()
    {
        await using var fx = await AuditFixture.WithCountersAsync(4);
        var saved = (await fx.CheckpointAsync()).Envelope;
        fx.Journal.Delete(CheckpointStream.PersistenceId, 1);
        fx.Journal.Delete("counter|a", 4);

        (await fx.VerifyAsync()).IsClean.ShouldBeTrue("with the stored checkpoint gone, nothing contradicts the shorter stream");
        var report = await fx.VerifyAsync(fx.Options with { KnownCheckpoints = [saved] });

        report.Violations.Select(v => (v.PersistenceId, v.SeqNr, v.Kind)).ShouldBe(
        [
            ("counter|a", 4L, ChainViolationKind.Truncated),
            (AuditVerifier.FeedId, 4L, ChainViolationKind.Truncated), // the checkpoint covered feed position 4
        ]);
    }

    [Fact]
    public async Task Feed_that_ends_before_a_checkpointed_position_is_truncated()
    {
        await using var fx = await AuditFixture.WithCountersAsync(2);
        var honest = (await fx.CheckpointAsync()).Checkpoint;
        var ahead = JournalCheckpoint.Create(honest.Node, honest.CreatedAt, 10_000, honest.Heads);

        var report = await fx.VerifyAsync(fx.Options with { KnownCheckpoints = [JournalCheckpointEnvelope.Sign(ahead, new Ed25519EnvelopeSigner(fx.NodeKey))] });

        ShouldName(report, AuditVerifier.FeedId, 4, ChainViolationKind.Truncated);
    }

    [Fact]
    public async Task Foreign_event_in_the_checkpoint_stream_is_reported()
    {
        await using var fx = await AuditFixture.WithCountersAsync(1);
        await fx.AppendAsync(CheckpointStream.PersistenceId, "audit.note.v1", "{}"u8.ToArray());

        ShouldName(await fx.VerifyAsync(), CheckpointStream.PersistenceId, 1, ChainViolationKind.CheckpointInvalid);
    }

    [Fact]
    public async Task Every_invalid_checkpoint_is_listed()
    {
        await using var fx = await AuditFixture.WithCountersAsync(1);
        using var intruder = fx.CheckpointerFor(fx.Journal, fx.IntruderKey);
        await intruder.CheckpointAsync(CancellationToken.None);
        await fx.AddEventsAsync("a", 1);
        await intruder.CheckpointAsync(CancellationToken.None);

        var report = await fx.VerifyAsync();

        report.Violations.Select(v => (v.SeqNr, v.Kind)).ShouldBe(
            [(1L, ChainViolationKind.CheckpointInvalid), (2L, ChainViolationKind.CheckpointInvalid)]);
    }

    // Rewrites a stream from `fromSeqNr` with a different payload and recomputes every hash after it, the way an
    // attacker who understands the chain would: the chain verifies, only a checkpoint can tell.
    private static async Task RewriteFromAsync(AuditFixture fx, string persistenceId, long fromSeqNr)
    {
        var prev = default(Digest);
        foreach (var record in (await fx.StreamAsync(persistenceId)).Where(r => r.SeqNr >= fromSeqNr))
        {
            var forged = record.SeqNr == fromSeqNr
                ? record with { Payload = "{\"by\":1000000}"u8.ToArray() }
                : record with { PrevHash = prev };
            forged = forged with { Hash = HashChain.Recompute(forged) };
            fx.Journal.Tamper(persistenceId, record.SeqNr, _ => forged);
            prev = forged.Hash;
        }
    }

    private static async Task<ChainViolation?> ChainViolationsAsync(AuditFixture fx, string persistenceId)
    {
        var chain = new ChainVerifier(persistenceId);
        foreach (var record in await fx.StreamAsync(persistenceId))
        {
            if (chain.Check(record) is { } violation)
            {
                return violation;
            }
        }

        return null;
    }
}
