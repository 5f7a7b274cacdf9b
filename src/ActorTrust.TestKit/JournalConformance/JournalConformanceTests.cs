using ActorTrust.Runtime.Journal;
using Xunit;

namespace ActorTrust.TestKit.JournalConformance;

/// <summary>
/// The behaviour every <see cref="IJournal"/> backend must show (the journal TCK). A backend's test project
/// subclasses this and implements <see cref="CreateJournalAsync"/>; every test then runs against it.
/// Each test gets a fresh, initialized, empty journal and a 60-second budget.
/// </summary>
public abstract partial class JournalConformanceTests : IAsyncLifetime, IDisposable
{
    /// <summary>The writer most tests write with.</summary>
    protected static readonly WriterIdentity NodeA = new("127.0.0.1:7001:1", 5);

    private readonly CancellationTokenSource _budget = new(TimeSpan.FromSeconds(60));
    private IJournal? _journal;

    /// <summary>The journal under test.</summary>
    protected IJournal Journal => _journal ?? throw new InvalidOperationException("the journal is created in InitializeAsync");

    /// <summary>Cancelled when the test has run for 60 seconds.</summary>
    protected CancellationToken Budget => _budget.Token;

    /// <summary>Creates a fresh, initialized, empty journal for one test.</summary>
    protected abstract Task<IJournal> CreateJournalAsync();

    /// <inheritdoc />
    public virtual async Task InitializeAsync() => _journal = await CreateJournalAsync();

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (_journal is not null)
        {
            await _journal.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the test's budget timer; subclasses release their own resources too.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _budget.Dispose();
        }
    }

    /// <summary>A new stream of kind <paramref name="kind"/> written by <see cref="NodeA"/>.</summary>
    protected static TestStream NewStream(string kind, string entityId) => new(PersistenceIds.For(kind, entityId), NodeA);

    /// <summary>Appends the batch, asserts every stream committed, and moves each stream's head.</summary>
    protected async Task<IReadOnlyList<AppendOutcome>> AppendCommittedAsync(params (TestStream Stream, StreamAppend Append)[] batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var outcomes = await Journal.AppendAsync(batch.Select(b => b.Append).ToList(), Budget);
        Assert.Equal(batch.Length, outcomes.Count);
        for (var i = 0; i < batch.Length; i++)
        {
            Assert.True(outcomes[i].Status == AppendStatus.Committed,
                $"{batch[i].Append.PersistenceId} was not committed: {outcomes[i].Status} {outcomes[i].Detail}");
            Assert.Equal(batch[i].Append.Events.Count, outcomes[i].GlobalPositions.Count);
            batch[i].Stream.MarkCommitted(batch[i].Append);
        }

        return outcomes;
    }

    /// <summary>Appends <paramref name="count"/> events to one stream and asserts they committed.</summary>
    protected async Task<AppendOutcome> AppendCommittedAsync(TestStream stream, int count)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return (await AppendCommittedAsync((stream, stream.Next(count))))[0];
    }

    /// <summary>Reads a whole stream from <paramref name="fromSeqNr"/>.</summary>
    protected async Task<List<JournalRecord>> ReadStreamAsync(string persistenceId, long fromSeqNr = 1)
    {
        var records = new List<JournalRecord>();
        await foreach (var record in Journal.ReadStreamAsync(persistenceId, fromSeqNr, Budget))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Pages through the whole feed after <paramref name="afterPosition"/>, <paramref name="pageSize"/> at a time.</summary>
    protected async Task<List<JournalRecord>> ReadWholeFeedAsync(FeedFilter filter, int pageSize, long afterPosition = 0)
    {
        var all = new List<JournalRecord>();
        while (true)
        {
            var page = await Journal.ReadFeedAsync(afterPosition, pageSize, filter, Budget);
            Assert.True(page.Count <= pageSize, $"a feed page of at most {pageSize} held {page.Count}");
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
            afterPosition = page[^1].GlobalPosition;
        }
    }

    /// <summary>Asserts that <paramref name="records"/> are exactly <paramref name="stream"/>'s committed events from <paramref name="fromSeqNr"/>.</summary>
    protected static void AssertStreamContent(TestStream stream, IReadOnlyList<JournalRecord> records, long fromSeqNr = 1)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(records);
        var expected = stream.Committed.Skip((int)(fromSeqNr - 1)).ToList();
        Assert.Equal(expected.Count, records.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            AssertRecord(stream.PersistenceId, expected[i].Event, expected[i].Writer, records[i]);
        }
    }

    /// <summary>Asserts that a stored record holds exactly what was appended.</summary>
    protected static void AssertRecord(string persistenceId, EventToAppend appended, WriterIdentity writer, JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(appended);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        Assert.Equal(persistenceId, record.PersistenceId);
        Assert.Equal(appended.SeqNr, record.SeqNr);
        Assert.Equal(appended.EventType, record.EventType);
        Assert.Equal(appended.Payload, record.Payload);
        Assert.Equal(appended.Timestamp, record.Timestamp);
        Assert.Equal(TimeSpan.Zero, record.Timestamp.Offset);
        Assert.Equal(writer.Node, record.WriterNode);
        Assert.Equal(writer.FencingToken, record.WriterToken);
        Assert.Equal(appended.CommandId, record.CommandId);
        Assert.Equal(appended.PrevHash, record.PrevHash);
        Assert.Equal(appended.Hash, record.Hash);
    }
}
