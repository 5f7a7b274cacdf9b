using ActorTrust.Runtime.Audit;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Runtime.Tests.Audit;

public sealed class TamperDetectionTests
{
    [Fact]
    public async Task Untouched_journal_verifies_clean_and_counts_every_stream_and_event()
    {
        await using var fx = await AuditFixture.WithCountersAsync(3, 5, 1);
        await fx.CheckpointAsync();
        await fx.AddEventsAsync("a", 2);

        var report = await fx.VerifyAsync();

        report.Violations.ShouldBeEmpty();
        report.IsClean.ShouldBeTrue();
        report.StreamsChecked.ShouldBe(4); // three counters and the checkpoint stream
        report.EventsChecked.ShouldBe(3 + 5 + 1 + 2 + 1);
        report.FeedEventsChecked.ShouldBe(12);
        report.CheckpointsChecked.ShouldBe(1);
        report.CheckpointsVerified.ShouldBe(1);
    }

    [Fact]
    public async Task Edited_payload_is_a_hash_mismatch_at_the_edited_event()
    {
        await using var fx = await AuditFixture.WithCountersAsync(4, 2);
        fx.Journal.Tamper("counter|a", 3, r => r with { Payload = "{\"by\":1000}"u8.ToArray() });

        var report = await fx.VerifyAsync();

        ShouldName(report, "counter|a", 3, ChainViolationKind.HashMismatch);
    }

    [Fact]
    public async Task Edited_event_with_its_hash_recomputed_breaks_the_link_to_the_next_event()
    {
        await using var fx = await AuditFixture.WithCountersAsync(4);
        fx.Journal.Tamper("counter|a", 2, r =>
        {
            var forged = r with { Payload = "{\"by\":1000}"u8.ToArray() };
            return forged with { Hash = HashChain.Recompute(forged) };
        });

        var report = await fx.VerifyAsync();

        ShouldName(report, "counter|a", 3, ChainViolationKind.BrokenLink);
    }

    [Fact]
    public async Task Reordered_events_are_a_sequence_gap_where_the_order_first_breaks()
    {
        await using var fx = await AuditFixture.WithCountersAsync(5);
        fx.Journal.Swap("counter|a", 2, 4);

        var report = await fx.VerifyAsync();

        ShouldName(report, "counter|a", 4, ChainViolationKind.SequenceGap);
    }

    [Fact]
    public async Task Deleted_middle_event_is_a_sequence_gap_at_the_event_after_it()
    {
        await using var fx = await AuditFixture.WithCountersAsync(5);
        fx.Journal.Delete("counter|a", 3);

        var report = await fx.VerifyAsync();

        ShouldName(report, "counter|a", 4, ChainViolationKind.SequenceGap);
    }

    [Fact]
    public async Task Duplicated_event_is_a_sequence_gap_at_the_copy()
    {
        await using var fx = await AuditFixture.WithCountersAsync(5);
        var original = (await fx.StreamAsync("counter|a"))[1];
        fx.Journal.Insert(2, original);

        var report = await fx.VerifyAsync();

        ShouldName(report, "counter|a", 2, ChainViolationKind.SequenceGap);
    }

    [Fact]
    public async Task Truncated_tail_after_a_checkpoint_is_reported_as_truncated()
    {
        await using var fx = await AuditFixture.WithCountersAsync(5, 2);
        await fx.CheckpointAsync();
        fx.Journal.Delete("counter|a", 5);
        fx.Journal.Delete("counter|a", 4);

        var report = await fx.VerifyAsync();

        ShouldName(report, "counter|a", 4, ChainViolationKind.Truncated);
    }

    [Fact]
    public async Task Without_a_checkpoint_a_truncated_tail_looks_like_a_shorter_stream()
    {
        await using var fx = await AuditFixture.WithCountersAsync(5);
        fx.Journal.Delete("counter|a", 5);

        (await fx.VerifyAsync()).IsClean.ShouldBeTrue();
    }

    [Fact]
    public async Task Stream_deleted_entirely_after_a_checkpoint_is_truncated_from_seq_1()
    {
        await using var fx = await AuditFixture.WithCountersAsync(2, 3);
        await fx.CheckpointAsync();
        fx.Journal.Delete("counter|b", 3);
        fx.Journal.Delete("counter|b", 2);
        fx.Journal.Delete("counter|b", 1);

        var report = await fx.VerifyAsync();

        ShouldName(report, "counter|b", 1, ChainViolationKind.Truncated);
    }

    [Fact]
    public async Task Each_damaged_stream_reports_its_first_violation_only()
    {
        await using var fx = await AuditFixture.WithCountersAsync(5, 5, 5);
        fx.Journal.Tamper("counter|a", 2, r => r with { CommandId = "forged" });
        fx.Journal.Tamper("counter|a", 4, r => r with { CommandId = "forged" });
        fx.Journal.Delete("counter|c", 2);

        var report = await fx.VerifyAsync();

        report.Violations.Select(v => (v.PersistenceId, v.SeqNr, v.Kind)).ShouldBe(
        [
            ("counter|a", 2L, ChainViolationKind.HashMismatch),
            ("counter|c", 3L, ChainViolationKind.SequenceGap),
        ]);
    }

    [Fact]
    public async Task Single_stream_audit_names_the_same_first_broken_link()
    {
        await using var fx = await AuditFixture.WithCountersAsync(4, 4);
        fx.Journal.Tamper("counter|b", 2, r => r with { WriterNode = "intruder:0:1" });

        var damaged = await AuditVerifier.VerifyStreamAsync(fx.Journal, "counter|b", fx.Options, CancellationToken.None);
        var intact = await AuditVerifier.VerifyStreamAsync(fx.Journal, "counter|a", fx.Options, CancellationToken.None);

        ShouldName(damaged, "counter|b", 2, ChainViolationKind.HashMismatch);
        intact.IsClean.ShouldBeTrue();
        intact.EventsChecked.ShouldBe(4);
    }

    internal static void ShouldName(AuditReport report, string persistenceId, long seqNr, ChainViolationKind kind)
    {
        var violation = report.Violations.ShouldHaveSingleItem();
        (violation.PersistenceId, violation.SeqNr, violation.Kind).ShouldBe((persistenceId, seqNr, kind), violation.ToString());
    }
}
