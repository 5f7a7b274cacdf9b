using System.Text;
using ActorTrust.Core.Audit;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Tests.Audit;

public sealed class JournalCheckpointTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    private readonly Ed25519KeyPair _node = Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)7, 32).ToArray());
    private readonly Ed25519KeyPair _intruder = Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)8, 32).ToArray());

    public void Dispose()
    {
        _node.Dispose();
        _intruder.Dispose();
    }

    [Fact]
    public void Checkpoint_signed_by_a_trusted_node_key_verifies_to_the_same_checkpoint()
    {
        var checkpoint = Sample();

        var verdict = JournalCheckpointEnvelope.Verify(
            EnvelopeJson.Parse(EnvelopeJson.Serialize(Sign(checkpoint, _node))), Trusting(_node));

        verdict.IsVerified.ShouldBeTrue(verdict.Reason);
        verdict.Checkpoint.ShouldBe(checkpoint);
        verdict.SignerKeyIds.ShouldBe([_node.PublicKey.KeyId.ToString()]);
    }

    [Fact]
    public void Create_sorts_heads_ordinally_counts_them_and_roots_them()
    {
        var checkpoint = JournalCheckpoint.Create("n:1:1", At.AddTicks(9), 12,
            [Head("agent|b", 2), Head("agent|B", 1), Head("agent|a", 4)]);

        checkpoint.Heads.Select(h => h.PersistenceId).ShouldBe(["agent|B", "agent|a", "agent|b"]);
        checkpoint.StreamCount.ShouldBe(3);
        checkpoint.CreatedAt.ShouldBe(At);
        checkpoint.HeadsRoot.ShouldBe(MerkleTree.Root([.. checkpoint.Heads.Select(h => h.ToLeaf())]));
    }

    [Fact]
    public void Leaf_is_the_canonical_json_of_persistence_id_seq_nr_and_hash()
    {
        var head = Head("agent|a", 3);

        Encoding.UTF8.GetString(head.ToLeaf()).ShouldBe($$"""{"hash":"{{head.Hash}}","persistence_id":"agent|a","seq_nr":3}""");
    }

    [Fact]
    public void Canonical_payload_uses_the_documented_member_names()
    {
        var head = Head("agent|a", 3);
        var checkpoint = JournalCheckpoint.Create("n:1:1", At, 42, [head]);

        Encoding.UTF8.GetString(checkpoint.ToCanonicalBytes()).ShouldBe(
            $$"""{"created_at":"2026-03-01T12:00:00.123Z","global_position":42,"heads":[{"hash":"{{head.Hash}}","persistence_id":"agent|a","seq_nr":3}],"heads_root":"{{checkpoint.HeadsRoot}}","node":"n:1:1","stream_count":1}""");
    }

    [Fact]
    public void Checkpoint_signed_by_an_untrusted_key_is_refused()
    {
        var verdict = JournalCheckpointEnvelope.Verify(Sign(Sample(), _intruder), Trusting(_node));

        verdict.Rejection.ShouldBe(JournalCheckpointRejection.UntrustedSignature);
        verdict.Checkpoint.ShouldBeNull();
    }

    [Fact]
    public void No_trusted_node_keys_means_no_checkpoint_verifies()
    {
        var verdict = JournalCheckpointEnvelope.Verify(Sign(Sample(), _node), JournalCheckpointEnvelope.PolicyFor([]));

        verdict.Rejection.ShouldBe(JournalCheckpointRejection.UntrustedSignature);
    }

    [Fact]
    public void Forged_root_is_refused_even_under_a_valid_signature()
    {
        var forged = Sample() with { HeadsRoot = Digest.Sha256("forged"u8) };

        var verdict = JournalCheckpointEnvelope.Verify(Sign(forged, _node), Trusting(_node));

        verdict.Rejection.ShouldBe(JournalCheckpointRejection.RootMismatch);
    }

    [Fact]
    public void Altered_head_no_longer_matches_the_root()
    {
        var checkpoint = Sample();
        var altered = checkpoint with { Heads = [checkpoint.Heads[0] with { SeqNr = 99 }, .. checkpoint.Heads.Skip(1)] };

        JournalCheckpointEnvelope.Verify(Sign(altered, _node), Trusting(_node)).Rejection.ShouldBe(JournalCheckpointRejection.RootMismatch);
    }

    [Fact]
    public void Heads_out_of_order_or_repeated_are_refused()
    {
        var checkpoint = Sample();
        StreamHead[] reversed = [.. checkpoint.Heads.Reverse()];
        StreamHead[] repeated = [checkpoint.Heads[0], checkpoint.Heads[0]];

        Verify(checkpoint with { Heads = reversed, HeadsRoot = JournalCheckpoint.ComputeRoot(reversed) })
            .Rejection.ShouldBe(JournalCheckpointRejection.HeadsNotSorted);
        Verify(checkpoint with { Heads = repeated, StreamCount = 2, HeadsRoot = JournalCheckpoint.ComputeRoot(repeated) })
            .Rejection.ShouldBe(JournalCheckpointRejection.HeadsNotSorted);
    }

    [Fact]
    public void Stream_count_that_differs_from_the_heads_is_refused()
    {
        Verify(Sample() with { StreamCount = 5 }).Rejection.ShouldBe(JournalCheckpointRejection.StreamCountMismatch);
    }

    [Fact]
    public void Envelope_of_another_payload_type_is_refused()
    {
        var envelope = Envelope.Sign(PayloadTypes.Checkpoint, Sample().ToCanonicalBytes(), new Ed25519EnvelopeSigner(_node));

        JournalCheckpointEnvelope.Verify(envelope, Trusting(_node)).Rejection.ShouldBe(JournalCheckpointRejection.WrongPayloadType);
    }

    [Theory]
    [InlineData("""{"created_at":"2026-03-01T12:00:00.123Z","global_position":0,"heads":[],"heads_root":"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","node":"n","stream_count":0,"x":1}""")]
    [InlineData("""{"created_at":"2026-03-01T12:00:00.123Z","global_position":0,"heads":[],"node":"n","stream_count":0}""")]
    [InlineData("""{"created_at":"2026-03-01T12:00:00Z","global_position":0,"heads":[],"heads_root":"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","node":"n","stream_count":0}""")]
    [InlineData("""{"created_at":"2026-03-01T13:00:00.123+01:00","global_position":0,"heads":[],"heads_root":"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","node":"n","stream_count":0}""")]
    [InlineData("""{"node":"n","created_at":"2026-03-01T12:00:00.123Z","global_position":0,"heads":[],"heads_root":"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","stream_count":0}""")]
    [InlineData("""{"created_at":"2026-03-01T12:00:00.123Z","global_position":0,"heads":[{"hash":"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","persistence_id":"a|b","seq_nr":0}],"heads_root":"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","node":"n","stream_count":1}""")]
    public void Malformed_payloads_are_refused_even_when_signed(string json)
    {
        var envelope = Envelope.Sign(PayloadTypes.JournalCheckpoint, Encoding.UTF8.GetBytes(json), new Ed25519EnvelopeSigner(_node));

        JournalCheckpointEnvelope.Verify(envelope, Trusting(_node)).Rejection.ShouldBe(JournalCheckpointRejection.Malformed);
    }

    [Fact]
    public void Empty_journal_checkpoint_has_the_empty_tree_root_and_verifies()
    {
        var checkpoint = JournalCheckpoint.Create("n:1:1", At, 0, []);

        checkpoint.HeadsRoot.ShouldBe(MerkleTree.EmptyRoot);
        Verify(checkpoint).IsVerified.ShouldBeTrue();
    }

    private JournalCheckpointVerdict Verify(JournalCheckpoint checkpoint) =>
        JournalCheckpointEnvelope.Verify(Sign(checkpoint, _node), Trusting(_node));

    private static Envelope Sign(JournalCheckpoint checkpoint, Ed25519KeyPair key) =>
        JournalCheckpointEnvelope.Sign(checkpoint, new Ed25519EnvelopeSigner(key));

    private static TrustPolicy? Trusting(Ed25519KeyPair key) => JournalCheckpointEnvelope.PolicyFor([key.PublicKey]);

    private static JournalCheckpoint Sample() =>
        JournalCheckpoint.Create("node-a:7000:3", At, 17, [Head("agent|a", 3), Head("session|s1", 9), Head("domain|example.org", 1)]);

    private static StreamHead Head(string persistenceId, long seqNr) =>
        new(persistenceId, seqNr, Digest.Sha256(Encoding.UTF8.GetBytes($"{persistenceId}#{seqNr}")));
}
