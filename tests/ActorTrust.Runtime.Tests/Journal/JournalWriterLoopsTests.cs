using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;
using ActorTrust.Runtime.Tests.Entities;
using ActorTrust.TestKit.Journal;
using ActorTrust.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorTrust.Runtime.Tests.Journal;

public sealed class JournalWriterLoopsTests
{
    [Fact]
    public async Task Several_writer_loops_keep_transactions_in_flight_side_by_side()
    {
        var journal = new InMemoryJournal();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = 0;
        var peak = 0;
        var twoAtOnce = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        journal.BeforeAppend = async _ =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            if (now >= 2)
            {
                twoAtOnce.TrySetResult();
            }

            await release.Task;
            Interlocked.Decrement(ref inFlight);
        };
        await using var rig = new Rig(journal, loops: 4);

        var sends = Enumerable.Range(0, 32).Select(i => rig.Send($"c{i}", "add-1", new Add(1))).ToList();
        await twoAtOnce.Task.WaitAsync(TimeSpan.FromSeconds(10));
        release.SetResult();
        var results = await Task.WhenAll(sends);

        peak.ShouldBeGreaterThanOrEqualTo(2);
        results.ShouldAllBe(r => r.IsAccepted);
    }

    [Fact]
    public async Task Every_stream_commits_in_order_when_its_appends_spread_over_several_loops()
    {
        var journal = new InMemoryJournal();
        await using var rig = new Rig(journal, loops: 4);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            for (var n = 1; n <= 10; n++)
            {
                (await rig.Send($"c{i}", $"add-{n}", new Add(n))).IsAccepted.ShouldBeTrue();
            }
        }));

        for (var i = 0; i < 20; i++)
        {
            var seqs = new List<long>();
            await foreach (var record in journal.ReadStreamAsync(PersistenceIds.For("counter", $"c{i}"), 1, CancellationToken.None))
            {
                seqs.Add(record.SeqNr);
            }

            seqs.ShouldBe(Enumerable.Range(1, 10).Select(n => (long)n));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void A_loop_count_outside_1_to_16_is_refused_naming_the_setting(int loops)
    {
        var error = Should.Throw<ArgumentException>(() => new JournalWriterOptions { Loops = loops }.Validate());

        error.Message.ShouldContain("actortrust.journal.writer.loops");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class Rig : IAsyncDisposable
    {
        private readonly JournalWriter _writer;
        private readonly EntityRegistry<CounterState, CounterCommand, CounterEvent> _registry;

        public Rig(InMemoryJournal journal, int loops)
        {
            _writer = new JournalWriter(journal, new JournalWriterOptions { Loops = loops }, NullLogger<JournalWriter>.Instance);
            _registry = new EntityRegistry<CounterState, CounterCommand, CounterEvent>(
                CounterDecider.Kind(), journal, _writer, new OneLease(), new ManualTimeProvider(), new EntityRuntimeOptions(), NullLogger.Instance);
        }

        public Task<CommandResult<CounterState>> Send(string id, string commandId, CounterCommand command) =>
            _registry.SendAsync(id, commandId, command, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        public async ValueTask DisposeAsync()
        {
            await _registry.StopAsync();
            await _writer.DisposeAsync();
        }
    }

    private sealed class OneLease : IShardLeases
    {
        public ValueTask<ShardLease> AcquireAsync(string kind, int shard, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new ShardLease(kind, shard, "test:1:1", 1));
    }
}
