using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;
using ActorTrust.TestKit.Journal;
using ActorTrust.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorTrust.Runtime.Tests.Entities;

/// <summary>One counter registry over an in-memory journal and a manual clock; a fresh one per test.</summary>
public sealed class RuntimeFixture : IAsyncDisposable
{
    public RuntimeFixture(EntityRuntimeOptions? options = null, bool snapshots = false, InMemoryJournal? journal = null, long leaseToken = 1)
    {
        Journal = journal ?? new InMemoryJournal();
        Writer = new JournalWriter(Journal, new JournalWriterOptions(), NullLogger<JournalWriter>.Instance);
        Registry = new EntityRegistry<CounterState, CounterCommand, CounterEvent>(
            CounterDecider.Kind(snapshots), Journal, Writer, new FixedLeases(leaseToken), Time, options ?? new EntityRuntimeOptions(), NullLogger.Instance);
    }

    public ManualTimeProvider Time { get; } = new();

    public InMemoryJournal Journal { get; }

    public JournalWriter Writer { get; }

    public EntityRegistry<CounterState, CounterCommand, CounterEvent> Registry { get; }

    public Task<CommandResult<CounterState>> Send(string id, string commandId, CounterCommand command) =>
        Registry.SendAsync(id, commandId, command, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

    public async Task<List<JournalRecord>> Stream(string id)
    {
        var list = new List<JournalRecord>();
        await foreach (var r in Journal.ReadStreamAsync(PersistenceIds.For("counter", id), 1, CancellationToken.None))
        {
            list.Add(r);
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        await Registry.StopAsync();
        await Writer.DisposeAsync();
    }

    /// <summary>Leases that always grant the shard to one node with a fixed fencing token.</summary>
    internal sealed class FixedLeases(long token) : IShardLeases
    {
        public ValueTask<ShardLease> AcquireAsync(string kind, int shard, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new ShardLease(kind, shard, "test:0:1", token));
    }
}
