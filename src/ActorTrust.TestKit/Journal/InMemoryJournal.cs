using System.Runtime.CompilerServices;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.TestKit.Journal;

/// <summary>
/// An in-process <see cref="IJournal"/> with the same rules as the real backends (it passes the conformance
/// suite): for fast entity tests. Optionally fails appends on demand to test failure handling.
/// </summary>
public sealed partial class InMemoryJournal : IJournal
{
    private readonly Lock _gate = new();
    private readonly List<JournalRecord> _all = [];
    private readonly Dictionary<string, List<JournalRecord>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Snapshot> _snapshots = new(StringComparer.Ordinal);

    /// <summary>When set, the next append throws this exception and writes nothing.</summary>
    public Exception? FailNextAppend { get; set; }

    /// <summary>Number of append transactions committed.</summary>
    public int Transactions { get; private set; }

    /// <summary>Awaited before each append transaction (e.g. a gate a test opens to force batching).</summary>
    public Func<IReadOnlyList<StreamAppend>, Task>? BeforeAppend { get; set; }

    /// <summary>Stream appends per committed transaction, in order.</summary>
    public List<int> BatchSizes { get; } = [];

    /// <summary>The <c>afterPosition</c> of every <see cref="ReadFeedAsync"/> call, in order (for tests that check how much is read again).</summary>
    public List<long> FeedReadsAfter { get; } = [];

    /// <summary>Number of <see cref="ReadStreamAsync"/> calls (for tests that check when an entity reads its stream).</summary>
    public int StreamReads { get; private set; }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<StreamAppend> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var append in batch)
        {
            AppendValidation.Validate(append);
        }

        if (BeforeAppend is { } gate)
        {
            await gate(batch);
        }

        lock (_gate)
        {
            if (FailNextAppend is { } failure)
            {
                FailNextAppend = null;
                throw failure;
            }

            var outcomes = batch.Select(Apply).ToList();
            Transactions++;
            BatchSizes.Add(batch.Count);
            return outcomes;
        }
    }

    private AppendOutcome Apply(StreamAppend append)
    {
        var stream = _streams.TryGetValue(append.PersistenceId, out var existing) ? existing : [];
        var lastSeq = stream.Count == 0 ? 0 : stream[^1].SeqNr;
        var lastHash = stream.Count == 0 ? HashChain.Genesis(append.PersistenceId) : stream[^1].Hash;
        if (lastSeq != append.ExpectedSeqNr || lastHash != append.Events[0].PrevHash)
        {
            return new AppendOutcome(append.PersistenceId, AppendStatus.SequenceConflict, [], $"stream is at seq {lastSeq}");
        }

        if (stream.Count > 0 && append.Writer.FencingToken < stream[^1].WriterToken)
        {
            return new AppendOutcome(append.PersistenceId, AppendStatus.Fenced, [], $"token {append.Writer.FencingToken} < {stream[^1].WriterToken}");
        }

        var positions = new List<long>();
        foreach (var e in append.Events)
        {
            var record = new JournalRecord(_all.Count + 1, append.PersistenceId, e.SeqNr, e.EventType, e.Payload.ToArray(),
                e.Timestamp, append.Writer.Node, append.Writer.FencingToken, e.CommandId, e.PrevHash, e.Hash);
            _all.Add(record);
            stream.Add(record);
            positions.Add(record.GlobalPosition);
        }

        _streams[append.PersistenceId] = stream;
        return new AppendOutcome(append.PersistenceId, AppendStatus.Committed, positions);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<JournalRecord> ReadStreamAsync(string persistenceId, long fromSeqNr, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<JournalRecord> copy;
        lock (_gate)
        {
            StreamReads++;
            copy = _streams.TryGetValue(persistenceId, out var s) ? s.Where(r => r.SeqNr >= fromSeqNr).ToList() : [];
        }

        foreach (var record in copy)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> ReadHighestSeqNrAsync(string persistenceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_streams.TryGetValue(persistenceId, out var s) && s.Count > 0 ? s[^1].SeqNr : 0L);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalRecord>> ReadFeedAsync(long afterPosition, int maxCount, FeedFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        lock (_gate)
        {
            FeedReadsAfter.Add(afterPosition);
            IReadOnlyList<JournalRecord> page = _all.Where(r => r.GlobalPosition > afterPosition && filter.Matches(r)).Take(maxCount).ToList();
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ReadPersistenceIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<string> ids;
        lock (_gate)
        {
            ids = [.. _streams.Keys.Order(StringComparer.Ordinal)];
        }

        foreach (var id in ids)
        {
            yield return id;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<string> ReadPersistenceIdsAsync(string kind, string? afterEntityId, CancellationToken cancellationToken) =>
        ReadPersistenceIdsAsync(cancellationToken).Where(PersistenceIdRange.Of(kind, afterEntityId).Contains);

    /// <inheritdoc />
    public Task SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            if (!_snapshots.TryGetValue(snapshot.PersistenceId, out var current) || current.SeqNr <= snapshot.SeqNr)
            {
                _snapshots[snapshot.PersistenceId] = snapshot;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<Snapshot?> LoadSnapshotAsync(string persistenceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_snapshots.GetValueOrDefault(persistenceId));
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
