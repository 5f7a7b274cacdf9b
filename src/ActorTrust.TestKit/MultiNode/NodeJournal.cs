using ActorTrust.Runtime.Journal;

namespace ActorTrust.TestKit.MultiNode;

/// <summary>
/// A test node's view of the shared journal: every append first passes the node's <see cref="Gate"/> (closed while
/// the node is paused, so a batch the writer already took is held, then sent as-is on resume — the zombie write),
/// and every committed append is reported to the <see cref="ActivationRecorder"/>.
/// </summary>
public sealed class NodeJournal(IJournal inner, string node, ActivationRecorder recorder) : IJournal
{
    private long _fenced;

    /// <summary>The gate in front of appends.</summary>
    public AppendGate Gate { get; } = new();

    /// <summary>Appends of this node that came back <see cref="AppendStatus.Fenced"/>.</summary>
    public long Fenced => Interlocked.Read(ref _fenced);

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<StreamAppend> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await Gate.WaitAsync();
        var outcomes = await inner.AppendAsync(batch, cancellationToken);
        for (var i = 0; i < outcomes.Count && i < batch.Count; i++)
        {
            if (outcomes[i].Status == AppendStatus.Committed)
            {
                recorder.Committed(node, PersistenceIds.EntityIdOf(batch[i].PersistenceId), batch[i].Writer.FencingToken);
            }
            else if (outcomes[i].Status == AppendStatus.Fenced)
            {
                Interlocked.Increment(ref _fenced);
            }
        }

        return outcomes;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<JournalRecord> ReadStreamAsync(string persistenceId, long fromSeqNr, CancellationToken cancellationToken) =>
        inner.ReadStreamAsync(persistenceId, fromSeqNr, cancellationToken);

    /// <inheritdoc />
    public Task<long> ReadHighestSeqNrAsync(string persistenceId, CancellationToken cancellationToken) => inner.ReadHighestSeqNrAsync(persistenceId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalRecord>> ReadFeedAsync(long afterPosition, int maxCount, FeedFilter filter, CancellationToken cancellationToken) =>
        inner.ReadFeedAsync(afterPosition, maxCount, filter, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<string> ReadPersistenceIdsAsync(CancellationToken cancellationToken) => inner.ReadPersistenceIdsAsync(cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<string> ReadPersistenceIdsAsync(string kind, string? afterEntityId, CancellationToken cancellationToken) =>
        inner.ReadPersistenceIdsAsync(kind, afterEntityId, cancellationToken);

    /// <inheritdoc />
    public Task SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken) => inner.SaveSnapshotAsync(snapshot, cancellationToken);

    /// <inheritdoc />
    public Task<Snapshot?> LoadSnapshotAsync(string persistenceId, CancellationToken cancellationToken) => inner.LoadSnapshotAsync(persistenceId, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the node owns and disposes the inner journal
}
