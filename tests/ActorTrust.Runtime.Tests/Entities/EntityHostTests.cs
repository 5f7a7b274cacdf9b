using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Runtime.Tests.Entities;

public sealed class EntityHostTests
{
    [Fact]
    public async Task Reply_arrives_only_after_the_events_are_in_the_journal()
    {
        await using var rt = new RuntimeFixture();

        var result = await rt.Send("a", "c1", new Add(5));

        result.Status.ShouldBe(CommandStatus.Accepted);
        result.Version.ShouldBe(1);
        result.State!.Total.ShouldBe(5);
        result.EventTypes.ShouldBe(["counter.added.v1"]);
        var stored = await rt.Stream("a");
        stored.Single().EventType.ShouldBe("counter.added.v1");
        stored.Single().CommandId.ShouldBe("c1");
        new ChainVerifier("counter|a").Check(stored[0]).ShouldBeNull();
    }

    [Fact]
    public async Task Retried_command_id_returns_the_original_outcome_and_writes_nothing()
    {
        await using var rt = new RuntimeFixture();
        await rt.Send("a", "c1", new Add(5));

        var retry = await rt.Send("a", "c1", new Add(5));

        retry.Duplicate.ShouldBeTrue();
        retry.Status.ShouldBe(CommandStatus.Accepted);
        retry.State!.Total.ShouldBe(5);
        (await rt.Stream("a")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Retried_command_is_recognised_after_the_entity_was_reloaded_from_the_journal()
    {
        var rt = new RuntimeFixture();
        await rt.Send("a", "c1", new Add(5));
        await rt.Send("a", "c2", new Add(-1));
        await rt.DisposeAsync();

        await using var restarted = new RuntimeFixture(journal: rt.Journal);
        var accepted = await restarted.Send("a", "c1", new Add(5));
        var refused = await restarted.Send("a", "c2", new Add(-1));

        accepted.Duplicate.ShouldBeTrue();
        refused.Duplicate.ShouldBeTrue();
        refused.Status.ShouldBe(CommandStatus.Rejected);
        refused.Rejection!.Code.ShouldBe("NegativeStep");
        (await restarted.Stream("a")).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Refusal_that_is_recorded_appends_an_event_and_returns_the_reason()
    {
        await using var rt = new RuntimeFixture();

        var result = await rt.Send("a", "c1", new Add(-3));

        result.Status.ShouldBe(CommandStatus.Rejected);
        result.Rejection!.Code.ShouldBe("NegativeStep");
        result.State!.Refusals.ShouldBe(1);
        (await rt.Stream("a")).Single().EventType.ShouldBe("counter.refused.v1");
    }

    [Fact]
    public async Task Command_that_changes_nothing_writes_nothing()
    {
        await using var rt = new RuntimeFixture();

        var result = await rt.Send("a", "c1", new Add(0));

        result.IsAccepted.ShouldBeTrue();
        result.Version.ShouldBe(0);
        (await rt.Stream("a")).ShouldBeEmpty();
        rt.Journal.Transactions.ShouldBe(0);
    }

    [Fact]
    public async Task Decider_exception_fails_that_command_only()
    {
        await using var rt = new RuntimeFixture();
        await rt.Send("a", "c1", new Add(2));

        await Should.ThrowAsync<InvalidOperationException>(() => rt.Send("a", "c2", new Boom()));
        var after = await rt.Send("a", "c3", new Add(3));

        after.State!.Total.ShouldBe(5);
    }

    [Fact]
    public async Task Query_sees_the_state_after_every_earlier_command()
    {
        await using var rt = new RuntimeFixture();
        var sends = Enumerable.Range(1, 20).Select(i => rt.Send("a", $"c{i}", new Add(1))).ToList();

        var total = await rt.Registry.QueryAsync("a", (s, _) => s.Total, CancellationToken.None);
        await Task.WhenAll(sends);

        total.ShouldBe(20);
    }

    [Fact]
    public async Task Committed_is_raised_once_per_durable_commit_with_the_new_state_and_not_for_commands_that_record_nothing()
    {
        await using var rt = new RuntimeFixture();
        var seen = new List<(string Id, long Total, long Version)>();
        rt.Registry.Committed += (id, committed) => seen.Add((id, committed.State.Total, committed.Version));

        await rt.Send("a", "c1", new Add(2));
        await rt.Send("a", "c2", new Add(0));
        await rt.Send("a", "c1", new Add(2));
        await rt.Send("b", "c3", new Add(3));

        seen.ShouldBe([("a", 2, 1), ("b", 3, 1)]);
    }

    [Fact]
    public async Task Committed_handler_that_throws_does_not_affect_the_entity()
    {
        await using var rt = new RuntimeFixture();
        rt.Registry.Committed += (_, _) => throw new InvalidOperationException("handler bug");

        var first = await rt.Send("a", "c1", new Add(2));
        var second = await rt.Send("a", "c2", new Add(3));

        first.IsAccepted.ShouldBeTrue();
        second.State!.Total.ShouldBe(5);
    }
}
