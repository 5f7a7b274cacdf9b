using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Journal;
using ActorTrust.TestKit.Journal;
using ActorTrust.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorTrust.Runtime.Tests.Entities;

/// <summary>
/// A kind's stream-starting command (<see cref="EntityKind{TState, TCommand, TEvent}.StartsStream"/>) skips the activation
/// read and appends at seq 1; the journal's head check refuses it when the stream exists, and the host then recovers and
/// decides again.
/// </summary>
public sealed class StreamStartTests
{
    [Fact]
    public async Task A_stream_starting_command_to_a_new_entity_is_committed_without_reading_the_journal()
    {
        var journal = new InMemoryJournal();
        await using var rig = new Rig(journal);

        var result = await rig.Send("a", "c1", new Add(5));

        result.Status.ShouldBe(CommandStatus.Accepted);
        result.Version.ShouldBe(1);
        result.State!.Total.ShouldBe(5);
        journal.StreamReads.ShouldBe(0);
        var stored = await Stream(journal, "a");
        stored.Single().CommandId.ShouldBe("c1");
        new ChainVerifier("counter|a").Check(stored[0]).ShouldBeNull();
    }

    [Fact]
    public async Task A_stream_starting_command_to_an_existing_entity_is_refused_by_the_journal_then_decided_on_the_recovered_state()
    {
        var journal = new InMemoryJournal();
        await using (var first = new Rig(journal))
        {
            await first.Send("a", "c1", new Add(5));
        }

        await using var restarted = new Rig(journal);
        var result = await restarted.Send("a", "c2", new Add(3));

        result.Status.ShouldBe(CommandStatus.Accepted);
        result.Duplicate.ShouldBeFalse();
        result.Version.ShouldBe(2);
        result.State!.Total.ShouldBe(8);
        journal.StreamReads.ShouldBe(1);
        var stored = await Stream(journal, "a");
        stored.Select(r => r.CommandId).ShouldBe(["c1", "c2"]);
        var verifier = new ChainVerifier("counter|a");
        stored.ShouldAllBe(r => verifier.Check(r) == null);
    }

    [Fact]
    public async Task A_retried_create_after_a_restart_is_answered_as_a_duplicate_and_writes_nothing()
    {
        var journal = new InMemoryJournal();
        await using (var first = new Rig(journal))
        {
            await first.Send("a", "c1", new Add(5));
        }

        await using var restarted = new Rig(journal);
        var retry = await restarted.Send("a", "c1", new Add(5));

        retry.Duplicate.ShouldBeTrue();
        retry.Version.ShouldBe(1);
        retry.State!.Total.ShouldBe(5);
        (await Stream(journal, "a")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_stream_starting_command_that_decides_no_events_is_answered_from_the_recovered_state()
    {
        var journal = new InMemoryJournal();
        await using (var first = new Rig(journal))
        {
            await first.Send("a", "c1", new Add(5));
        }

        await using var restarted = new Rig(journal);
        var result = await restarted.Send("a", "c2", new Add(0));

        result.IsAccepted.ShouldBeTrue();
        result.Version.ShouldBe(1);
        result.State!.Total.ShouldBe(5);
        journal.StreamReads.ShouldBe(1);
    }

    [Fact]
    public async Task A_query_as_the_first_message_still_reads_the_journal()
    {
        var journal = new InMemoryJournal();
        await using (var first = new Rig(journal))
        {
            await first.Send("a", "c1", new Add(5));
        }

        await using var restarted = new Rig(journal);
        var total = await restarted.Registry.QueryAsync("a", (s, _) => s.Total, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        total.ShouldBe(5);
        journal.StreamReads.ShouldBe(1);
    }

    private static async Task<List<JournalRecord>> Stream(IJournal journal, string id)
    {
        var list = new List<JournalRecord>();
        await foreach (var r in journal.ReadStreamAsync(PersistenceIds.For("counter", id), 1, CancellationToken.None))
        {
            list.Add(r);
        }

        return list;
    }

    private sealed class Rig : IAsyncDisposable
    {
        public Rig(IJournal journal, long leaseToken = 1)
        {
            Writer = new JournalWriter(journal, new JournalWriterOptions(), NullLogger<JournalWriter>.Instance);
            Registry = new EntityRegistry<CounterState, CounterCommand, CounterEvent>(
                CounterDecider.Kind(startsStream: true), journal, Writer, new RuntimeFixture.FixedLeases(leaseToken), new ManualTimeProvider(), new EntityRuntimeOptions(), NullLogger.Instance);
        }

        public JournalWriter Writer { get; }

        public EntityRegistry<CounterState, CounterCommand, CounterEvent> Registry { get; }

        public Task<CommandResult<CounterState>> Send(string id, string commandId, CounterCommand command) =>
            Registry.SendAsync(id, commandId, command, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        public async ValueTask DisposeAsync()
        {
            await Registry.StopAsync();
            await Writer.DisposeAsync();
        }
    }
}
