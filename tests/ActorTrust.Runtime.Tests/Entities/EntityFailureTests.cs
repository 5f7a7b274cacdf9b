using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Runtime.Tests.Entities;

public sealed class EntityFailureTests
{
    [Fact]
    public async Task Failed_append_stops_the_entity_and_the_next_command_recovers_from_the_journal()
    {
        await using var rt = new RuntimeFixture();
        await rt.Send("a", "c1", new Add(2));
        rt.Journal.FailNextAppend = new IOException("disk full");

        await Should.ThrowAsync<IOException>(() => rt.Send("a", "c2", new Add(3)));
        var next = await rt.Send("a", "c3", new Add(4));

        next.State!.Total.ShouldBe(6);
        next.Version.ShouldBe(2);
        (await rt.Stream("a")).Select(r => r.CommandId).ShouldBe(["c1", "c3"]);
    }

    [Fact]
    public async Task Full_mailbox_answers_overloaded_and_changes_nothing()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var rt = new RuntimeFixture(new EntityRuntimeOptions { MailboxCapacity = 2 });
        rt.Journal.BeforeAppend = async _ =>
        {
            entered.TrySetResult();
            await gate.Task;
        };

        var first = rt.Send("a", "c1", new Add(1));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10)); // c1 is being written; the mailbox is empty again
        var queued = new[] { rt.Send("a", "c2", new Add(1)), rt.Send("a", "c3", new Add(1)) };
        var overloaded = await rt.Send("a", "c4", new Add(1));
        gate.SetResult();
        await first;
        await Task.WhenAll(queued);

        overloaded.Status.ShouldBe(CommandStatus.Overloaded);
        (await rt.Stream("a")).Select(r => r.CommandId).ShouldBe(["c1", "c2", "c3"]);
    }

    [Fact]
    public async Task Recovery_refuses_to_start_an_entity_whose_stream_was_edited()
    {
        var rt = new RuntimeFixture();
        await rt.Send("a", "c1", new Add(2));
        await rt.Send("a", "c2", new Add(3));
        await rt.DisposeAsync();
        rt.Journal.Tamper("counter|a", 1, r => r with { Payload = "{\"by\":200}"u8.ToArray() });

        await using var restarted = new RuntimeFixture(journal: rt.Journal);
        var ex = await Should.ThrowAsync<EntityStoppedException>(() => restarted.Send("a", "c3", new Add(1)));

        ex.InnerException.ShouldBeOfType<JournalIntegrityException>()
            .Violation.Kind.ShouldBe(ChainViolationKind.HashMismatch);
        (await restarted.Stream("a")).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Recovery_refuses_a_stream_with_a_lower_writer_token_after_a_higher_one()
    {
        var rt = new RuntimeFixture();
        await rt.Send("a", "c1", new Add(2));
        await rt.Send("a", "c2", new Add(3));
        await rt.DisposeAsync();
        rt.Journal.Tamper("counter|a", 1, r =>
        {
            var rewritten = r with { WriterToken = 9 };
            return rewritten with { Hash = HashChain.Recompute(rewritten) };
        });

        await using var restarted = new RuntimeFixture(journal: rt.Journal);
        var ex = await Should.ThrowAsync<EntityStoppedException>(() => restarted.Send("a", "c3", new Add(1)));

        // Re-hashing event 1 breaks event 2's link before the token check is reached.
        ex.InnerException.ShouldBeOfType<JournalIntegrityException>().Violation.SeqNr.ShouldBe(2);
    }
}
