using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Persistence.Sqlite.Tests;

/// <summary>The append binds each column natively; what is read back must be exactly what was appended.</summary>
public sealed class SqliteRowBindingTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 4, 30, 0, 250, TimeSpan.Zero);
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task An_empty_command_id_and_an_empty_payload_are_stored_as_empty_values_not_as_null()
    {
        await using var journal = await _database.OpenAsync(CancellationToken.None);
        var append = OneEvent("counter|empty", "counter.empty.v1", [], string.Empty, new WriterIdentity("127.0.0.1:7001:1", 1));

        var outcome = (await journal.AppendAsync([append], CancellationToken.None)).Single();

        outcome.Status.ShouldBe(AppendStatus.Committed);
        var record = await ReadSingleAsync(journal, "counter|empty");
        record.CommandId.ShouldBe(string.Empty);
        record.Payload.ShouldBeEmpty();
    }

    [Fact]
    public async Task Non_ascii_text_in_every_text_column_reads_back_unchanged_with_the_kind_taken_from_the_persistence_id()
    {
        await using var journal = await _database.OpenAsync(CancellationToken.None);
        const string pid = "zähler|Ünïcødé-✓-𝄞";
        var writer = new WriterIdentity("knoten-ß:7001:1", 7);
        var append = OneEvent(pid, "zähler.geschritten.v1", "{\"ä\":1}"u8.ToArray(), "befehl-✓", writer);

        var outcome = (await journal.AppendAsync([append], CancellationToken.None)).Single();

        var record = await ReadSingleAsync(journal, pid);
        record.GlobalPosition.ShouldBe(outcome.GlobalPositions.Single());
        (record.PersistenceId, record.Kind, record.EventType, record.CommandId, record.WriterNode, record.WriterToken)
            .ShouldBe((pid, "zähler", "zähler.geschritten.v1", "befehl-✓", "knoten-ß:7001:1", 7L));
        record.Payload.ShouldBe(append.Events[0].Payload);
        (record.PrevHash, record.Hash, record.Timestamp).ShouldBe((append.Events[0].PrevHash, append.Events[0].Hash, At));
        (await journal.ReadFeedAsync(0, 10, new FeedFilter(Kinds: ["zähler"]), CancellationToken.None)).Count.ShouldBe(1);
    }

    private static StreamAppend OneEvent(string pid, string eventType, byte[] payload, string commandId, WriterIdentity writer) =>
        new(pid, 0, writer, [new EventToAppend(1, eventType, payload, At, commandId, HashChain.Genesis(pid), Digest.Sha256(payload))]);

    private static async Task<JournalRecord> ReadSingleAsync(SqliteJournal journal, string pid)
    {
        var records = new List<JournalRecord>();
        await foreach (var record in journal.ReadStreamAsync(pid, 1, CancellationToken.None))
        {
            records.Add(record);
        }

        return records.ShouldHaveSingleItem();
    }
}
