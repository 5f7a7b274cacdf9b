using ActorTrust.Runtime.Entities;

namespace ActorTrust.Runtime.Tests.Entities;

public sealed class PassivationAndBatchingTests
{
    private static readonly EntityRuntimeOptions Passivating = new()
    {
        PassivationIdleTimeout = TimeSpan.FromMinutes(2),
        PassivationCheckInterval = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task Idle_entity_is_passivated_by_the_clock_and_reactivates_with_its_state()
    {
        await using var rt = new RuntimeFixture(Passivating);
        await rt.Send("a", "c1", new Add(7));
        rt.Registry.ActiveCount.ShouldBe(1);

        rt.Time.Advance(TimeSpan.FromMinutes(1));
        rt.Registry.ActiveCount.ShouldBe(1);
        rt.Time.Advance(TimeSpan.FromMinutes(2));
        await WaitUntil(() => rt.Registry.ActiveCount == 0);

        var again = await rt.Send("a", "c2", new Add(1));
        again.State!.Total.ShouldBe(8);
        again.Version.ShouldBe(2);
    }

    [Fact]
    public async Task Recently_used_entity_is_not_passivated()
    {
        await using var rt = new RuntimeFixture(Passivating);
        await rt.Send("a", "c1", new Add(1));
        rt.Time.Advance(TimeSpan.FromSeconds(90));
        await rt.Send("a", "c2", new Add(1));

        rt.Time.Advance(TimeSpan.FromSeconds(60));

        rt.Registry.ActiveCount.ShouldBe(1);
    }

    [Fact]
    public async Task Appends_from_many_entities_share_one_transaction_while_the_journal_is_busy()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var rt = new RuntimeFixture();
        rt.Journal.BeforeAppend = async batch =>
        {
            if (entered.TrySetResult())
            {
                await gate.Task;
            }
        };

        var first = rt.Send("e0", "c", new Add(1));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var rest = Enumerable.Range(1, 50).Select(i => rt.Send($"e{i}", "c", new Add(1))).ToList();
        await WaitUntil(() => rt.Writer.QueuedForTesting == 50);
        gate.SetResult();
        await first;
        await Task.WhenAll(rest);

        rt.Journal.BatchSizes.ShouldBe([1, 50]);
    }

    [Fact]
    public async Task Snapshot_is_taken_and_recovery_continues_from_it()
    {
        var rt = new RuntimeFixture(new EntityRuntimeOptions { SnapshotEvery = 3 }, snapshots: true);
        for (var i = 1; i <= 4; i++)
        {
            await rt.Send("a", $"c{i}", new Add(i));
        }

        await rt.DisposeAsync();
        var snapshot = await rt.Journal.LoadSnapshotAsync("counter|a", CancellationToken.None);

        snapshot.ShouldNotBeNull().SeqNr.ShouldBe(3);
        await using var restarted = new RuntimeFixture(snapshots: true, journal: rt.Journal);
        var total = await restarted.Registry.QueryAsync("a", (s, v) => (s.Total, v), CancellationToken.None);
        total.ShouldBe((10L, 4L));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }
    }
}
