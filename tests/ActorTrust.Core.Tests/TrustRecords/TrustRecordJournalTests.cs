using System.Text;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Tests.Sessions;
using ActorTrust.Core.TrustRecords;
using ActorTrust.Runtime.Journal;
using static ActorTrust.Core.Tests.TrustRecords.TrustRecordFixtures;
using static ActorTrust.Core.TrustRecords.TrustRecordErrors;

namespace ActorTrust.Core.Tests.TrustRecords;

public sealed class TrustRecordJournalTests
{
    // Re-hashes the stream from the edited event on, as someone rewriting history with write access to the journal could.
    private static List<JournalLink> Rebuilt(IReadOnlyList<JournalRecord> records, int editedIndex, out List<JournalRecord> rebuilt)
    {
        rebuilt = [];
        var previous = HashChain.Genesis(records[0].PersistenceId);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var payload = i == editedIndex ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(record.Payload).Replace("read_inventory", "wipe_inventory", StringComparison.Ordinal)) : record.Payload;
            var hash = HashChain.Compute(previous, record.PersistenceId, record.SeqNr, record.EventType, payload, record.Timestamp, record.WriterNode, record.WriterToken, record.CommandId);
            rebuilt.Add(record with { Payload = payload, PrevHash = previous, Hash = hash });
            previous = hash;
        }

        return [.. rebuilt.Select(r => new JournalLink(r.SeqNr, r.PrevHash, r.Hash))];
    }

    [Fact]
    public void Rebuilt_journal_whose_head_no_longer_matches_the_record_is_refused_though_its_chain_is_consistent()
    {
        var (run, closed) = Closed();
        var links = Rebuilt(run.Records, editedIndex: 1, out var rebuilt);

        var verifier = new ChainVerifier(rebuilt[0].PersistenceId);
        rebuilt.Select(verifier.Check).ShouldAllBe(violation => violation == null);
        var verification = VerifyRecord(closed.Envelope, links);

        verification.ShouldFailWith(ChainHeadMismatch, "journal_head");
        verification.Check("journal_chain").Status.ShouldBe(CheckStatus.Verified);
    }

    [Fact]
    public void Export_up_to_the_head_or_including_the_close_event_both_match()
    {
        var (run, closed) = Closed();

        VerifyRecord(closed.Envelope, [.. run.Links.Take(2)]).IsVerified.ShouldBeTrue();
        VerifyRecord(closed.Envelope, run.Links).IsVerified.ShouldBeTrue();
        run.Links.Count.ShouldBe(3);
    }

    [Fact]
    public void Export_shorter_than_the_record_or_with_events_after_the_close_is_a_length_mismatch()
    {
        var (run, closed) = Closed();
        var extra = new JournalLink(4, run.Links[^1].Hash, Digest.Sha256("later"u8));

        VerifyRecord(closed.Envelope, [.. run.Links.Take(1)]).ShouldFailWith(ChainLengthMismatch, "journal_length");
        VerifyRecord(closed.Envelope, [.. run.Links, extra]).ShouldFailWith(ChainLengthMismatch, "journal_length");
    }

    [Fact]
    public void Export_with_a_missing_event_or_of_another_session_breaks_the_chain()
    {
        var (run, closed) = Closed();
        var other = new SessionRun("spiffe://node.example/session/0002");
        other.Apply(SessionFixtures.Open());

        VerifyRecord(closed.Envelope, [run.Links[0], run.Links[2] with { SeqNr = 2 }]).ShouldFailWith(ChainBroken, "journal_chain");
        VerifyRecord(closed.Envelope, [.. other.Links, .. run.Links.Skip(1)]).ShouldFailWith(ChainBroken, "journal_chain");
    }

    [Fact]
    public void Session_genesis_is_the_runtime_genesis_of_the_session_stream()
    {
        var id = SpiffeId.Parse(SessionFixtures.SessionId);

        SessionJournal.Genesis(id).ShouldBe(HashChain.Genesis(PersistenceIds.For("session", SessionFixtures.SessionId)));
    }

    [Fact]
    public void Records_of_one_node_chain_by_sequence_and_previous_record_hash()
    {
        var first = Closed().Closed;
        var second = SessionRun.Opened().CloseNow(sequence: 2, previous: first.RecordHash);

        second.Record.Node.Sequence.ShouldBe(2);
        second.Record.Node.PreviousRecordHash.ShouldBe(first.RecordHash);
        first.Record.Node.PreviousRecordHash.ShouldBeNull();
        VerifyRecord(second.Envelope).IsVerified.ShouldBeTrue();
    }
}
