using System.Runtime.CompilerServices;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Runtime.Audit;

/// <summary>
/// A read-only <see cref="IJournal"/> over the records of an audit export, in file order, so
/// <see cref="AuditVerifier"/> can verify an export offline exactly as it verifies a live journal. Appends and
/// snapshot writes are refused.
/// </summary>
public sealed class ExportedJournal : IJournal
{
    private readonly IReadOnlyList<JournalRecord> _records;
    private readonly Dictionary<string, List<JournalRecord>> _streams = new(StringComparer.Ordinal);
    private readonly bool _positionsIncrease;

    /// <summary>Wraps <paramref name="records"/> (feed order as exported).</summary>
    public ExportedJournal(IReadOnlyList<JournalRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        _records = records;
        _positionsIncrease = true;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (!_streams.TryGetValue(record.PersistenceId, out var stream))
            {
                _streams[record.PersistenceId] = stream = [];
            }

            stream.Add(record);
            _positionsIncrease &= i == 0 || records[i - 1].GlobalPosition < record.GlobalPosition;
        }
    }

    /// <summary>Every record, in file order.</summary>
    public IReadOnlyList<JournalRecord> Records => _records;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<StreamAppend> batch, CancellationToken cancellationToken) =>
        throw new NotSupportedException("an exported journal is read-only");

    /// <inheritdoc />
    public async IAsyncEnumerable<JournalRecord> ReadStreamAsync(string persistenceId, long fromSeqNr, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var record in _streams.GetValueOrDefault(persistenceId) ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (record.SeqNr >= fromSeqNr)
            {
                yield return record;
            }
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> ReadHighestSeqNrAsync(string persistenceId, CancellationToken cancellationToken) =>
        Task.FromResult(_streams.TryGetValue(persistenceId, out var stream) ? stream[^1].SeqNr : 0L);

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalRecord>> ReadFeedAsync(long afterPosition, int maxCount, FeedFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var start = _positionsIncrease ? FirstAfter(afterPosition) : 0;
        var page = new List<JournalRecord>(Math.Min(maxCount, 1024));
        for (var i = start; i < _records.Count && page.Count < maxCount; i++)
        {
            if (_records[i].GlobalPosition > afterPosition && filter.Matches(_records[i]))
            {
                page.Add(_records[i]);
            }
        }

        return Task.FromResult<IReadOnlyList<JournalRecord>>(page);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ReadPersistenceIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var id in _streams.Keys.Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return id;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<string> ReadPersistenceIdsAsync(string kind, string? afterEntityId, CancellationToken cancellationToken) =>
        ReadPersistenceIdsAsync(cancellationToken).Where(PersistenceIdRange.Of(kind, afterEntityId).Contains);

    /// <inheritdoc />
    public Task SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken) =>
        throw new NotSupportedException("an exported journal is read-only");

    /// <inheritdoc />
    public Task<Snapshot?> LoadSnapshotAsync(string persistenceId, CancellationToken cancellationToken) => Task.FromResult<Snapshot?>(null);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private int FirstAfter(long position)
    {
        int low = 0, high = _records.Count;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            (low, high) = _records[mid].GlobalPosition > position ? (low, mid) : (mid + 1, high);
        }

        return low;
    }
}
