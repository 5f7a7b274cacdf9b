using System.Runtime.CompilerServices;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// A journal that stores nothing and commits everything at once: with it the registry's figure is the runtime's
/// own cost (mailboxes, decider, serialization, chain hashing, group-commit hand-offs), with no I/O at all.
/// </summary>
internal sealed class NullJournal : IJournal
{
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<StreamAppend> batch, CancellationToken cancellationToken)
    {
        var outcomes = new AppendOutcome[batch.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = new AppendOutcome(batch[i].PersistenceId, AppendStatus.Committed, [.. batch[i].Events.Select(e => e.SeqNr)]);
        }

        return Task.FromResult<IReadOnlyList<AppendOutcome>>(outcomes);
    }

    public async IAsyncEnumerable<JournalRecord> ReadStreamAsync(string persistenceId, long fromSeqNr, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }

    public Task<long> ReadHighestSeqNrAsync(string persistenceId, CancellationToken cancellationToken) => Task.FromResult(0L);

    public Task<IReadOnlyList<JournalRecord>> ReadFeedAsync(long afterPosition, int maxCount, FeedFilter filter, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<JournalRecord>>([]);

    public async IAsyncEnumerable<string> ReadPersistenceIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }

    public IAsyncEnumerable<string> ReadPersistenceIdsAsync(string kind, string? afterEntityId, CancellationToken cancellationToken) =>
        ReadPersistenceIdsAsync(cancellationToken);

    public Task SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<Snapshot?> LoadSnapshotAsync(string persistenceId, CancellationToken cancellationToken) => Task.FromResult<Snapshot?>(null);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Every lease held by this node at token 1.</summary>
    public sealed class Leases : IShardLeases
    {
        public ValueTask<ShardLease> AcquireAsync(string kind, int shard, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new ShardLease(kind, shard, RuntimeRig.NodeId, 1));
    }
}
