using ActorTrust.Core.Crypto;
using ActorTrust.Core.Envelopes;
using ActorTrust.Runtime.Audit;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Tests.Entities;
using ActorTrust.TestKit.Journal;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorTrust.Runtime.Tests.Audit;

/// <summary>
/// Real counter entities writing to an in-memory journal, a node key, and a checkpointer over the same journal
/// and clock; a fresh one per test.
/// </summary>
public sealed class AuditFixture : IAsyncDisposable
{
    public static readonly WriterIdentity Node = new("test:0:1", 1);

    private AuditFixture()
    {
        Checkpointer = CheckpointerFor(Journal, NodeKey);
    }

    public RuntimeFixture Runtime { get; } = new();

    public InMemoryJournal Journal => Runtime.Journal;

    public Ed25519KeyPair NodeKey { get; } = Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)11, 32).ToArray());

    public Ed25519KeyPair IntruderKey { get; } = Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)12, 32).ToArray());

    public JournalCheckpointer Checkpointer { get; }

    public AuditOptions Options => new() { TrustedNodeKeys = [NodeKey.PublicKey], Time = Runtime.Time };

    /// <summary>Counters <c>counter|a</c>, <c>counter|b</c>, … each with the given number of events.</summary>
    public static async Task<AuditFixture> WithCountersAsync(params int[] eventsPerCounter)
    {
        var fixture = new AuditFixture();
        for (var c = 0; c < eventsPerCounter.Length; c++)
        {
            await fixture.AddEventsAsync(((char)('a' + c)).ToString(), eventsPerCounter[c]);
        }

        return fixture;
    }

    public async Task AddEventsAsync(string counter, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Runtime.Send(counter, $"{counter}-{Guid.NewGuid():N}", new Add(i + 1));
        }
    }

    public Task<AuditReport> VerifyAsync(AuditOptions? options = null) =>
        AuditVerifier.VerifyAllAsync(Journal, options ?? Options, null, CancellationToken.None);

    public async Task<StoredCheckpoint> CheckpointAsync() =>
        await Checkpointer.CheckpointAsync(CancellationToken.None) ?? throw new InvalidOperationException("nothing to checkpoint");

    /// <summary>Appends a well-chained event to any stream, as a writer with journal access could.</summary>
    public async Task AppendAsync(string persistenceId, string eventType, byte[] payload)
    {
        var last = (await Journal.ReadFeedAsync(0, int.MaxValue, new FeedFilter(PersistenceId: persistenceId), CancellationToken.None)).LastOrDefault();
        var seqNr = (last?.SeqNr ?? 0) + 1;
        var prev = last?.Hash ?? HashChain.Genesis(persistenceId);
        var at = Runtime.Time.GetUtcNow();
        var hash = HashChain.Compute(prev, persistenceId, seqNr, eventType, payload, at, Node.Node, Node.FencingToken, $"raw-{seqNr}");
        var outcome = await Journal.AppendAsync(
            [new StreamAppend(persistenceId, seqNr - 1, Node, [new EventToAppend(seqNr, eventType, payload, at, $"raw-{seqNr}", prev, hash)])],
            CancellationToken.None);
        outcome[0].Status.ShouldBe(AppendStatus.Committed);
    }

    public Task AppendCheckpointAsync(Envelope envelope) =>
        AppendAsync(CheckpointStream.PersistenceId, CheckpointStream.EventType, CheckpointStream.EncodePayload(envelope));

    public JournalCheckpointer CheckpointerFor(IJournal journal, Ed25519KeyPair key, WriterIdentity? writer = null) =>
        new(journal, new Ed25519EnvelopeSigner(key), writer ?? Node, Runtime.Time, new JournalCheckpointerOptions(),
            NullLogger<JournalCheckpointer>.Instance);

    public async Task<List<JournalRecord>> StreamAsync(string persistenceId)
    {
        var records = new List<JournalRecord>();
        await foreach (var record in Journal.ReadStreamAsync(persistenceId, 1, CancellationToken.None))
        {
            records.Add(record);
        }

        return records;
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        Checkpointer.Dispose();
        NodeKey.Dispose();
        IntruderKey.Dispose();
    }
}
