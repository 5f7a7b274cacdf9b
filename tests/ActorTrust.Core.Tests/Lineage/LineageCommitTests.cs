using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;
using ActorTrust.Core.Lineage;
using ActorTrust.Core.Tests.TestSupport;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Lineage.LineageRejectionCodes;
using static ActorTrust.Core.Tests.Lineage.LineageFixtures;

namespace ActorTrust.Core.Tests.Lineage;

public sealed class LineageCommitTests
{
    [Fact]
    public void Genesis_checkpoint_has_the_zero_parent_and_its_digest_is_the_sha256_of_the_payload()
    {
        var run = LineageRun.GrantedTo(A);
        var genesis = run.Next(A);

        var committed = run.When(run.CommitOf(genesis)).ShouldEmitSingle<LineageEvent, CheckpointCommitted>();

        genesis.Parent.ShouldBe(Digest.Zero);
        genesis.IsGenesis.ShouldBeTrue();
        committed.CheckpointDigest.ShouldBe(Digest.Sha256(ActorTrustJson.ToCanonicalBytes(genesis)));
        committed.Checkpoint.ShouldBe(genesis);
        EnvelopeJson.Parse(System.Text.Encoding.UTF8.GetBytes(committed.Envelope)).Payload.ShouldBe(ActorTrustJson.ToCanonicalBytes(genesis));
    }

    [Fact]
    public void Checkpoints_chain_each_parent_to_the_previous_digest_and_the_last_is_the_head()
    {
        var run = LineageRun.GrantedTo(A);

        var digests = Enumerable.Range(0, 4).Select(_ => run.Commit(A)).ToList();

        run.State.Chain.Select(c => c.Digest).ShouldBe(digests);
        run.State.Chain.Skip(1).Select(c => c.Checkpoint.Parent).ShouldBe(digests.Take(3));
        run.State.HeadDigest.ShouldBe(digests[^1]);
    }

    [Fact]
    public void Checkpoint_payload_is_the_canonical_json_of_exactly_the_documented_fields()
    {
        var json = System.Text.Encoding.UTF8.GetString(ActorTrustJson.ToCanonicalBytes(Checkpoint(A, 7, Digest.Zero, new Epoch(2, 1))));

        json.ShouldBe(
            "{\"agent_id\":\"spiffe://factory.example/agent/material-movement/dev\",\"budget\":1000,\"epoch\":{\"generation\":1,\"major\":2}," +
            $"\"executor_key_id\":\"{Key(A)}\",\"parent\":\"{Digest.Zero}\",\"schema\":\"actortrust.checkpoint/v1\",\"state_digest\":\"{StateAt(7)}\",\"tick\":7}}");
    }

    [Fact]
    public void Commit_while_no_executor_holds_authority_is_refused()
    {
        var run = new LineageRun();

        run.When(new CommitCheckpoint(Signed(Checkpoint(A, 0, Digest.Zero, Epoch.First)), Roster)).ShouldBeRejectedWith(NotAssigned);
    }

    [Fact]
    public void Checkpoint_with_a_flipped_signature_bit_is_refused_without_recording()
    {
        var run = LineageRun.GrantedTo(A);
        var envelope = CheckpointSigning.Sign(run.Next(A), TestKeys.Signer(A));
        var signature = envelope.Signatures[0].Signature.ToArray();
        signature[3] ^= 0x40;

        run.When(new CommitCheckpoint(Text(envelope with { Signatures = [envelope.Signatures[0] with { Signature = signature }] }), Roster))
            .ShouldBeRejectedWith(CheckpointSignatureInvalid);
    }

    [Fact]
    public void Checkpoint_signed_by_a_key_that_is_no_executor_is_refused_without_recording()
    {
        var run = LineageRun.GrantedTo(A);

        run.When(run.CommitOf(run.Next(Outsider))).ShouldBeRejectedWith(CheckpointSignatureInvalid);
        run.When(run.CommitOf(run.Next(Publisher))).ShouldBeRejectedWith(CheckpointSignatureInvalid);
    }

    [Fact]
    public void Envelope_of_another_payload_type_or_unreadable_text_is_refused()
    {
        var run = LineageRun.GrantedTo(A);
        var other = Envelope.Sign(PayloadTypes.ExecutionReceipt, ActorTrustJson.ToCanonicalBytes(run.Next(A)), TestKeys.Signer(A));

        run.When(new CommitCheckpoint(Text(other), Roster)).ShouldBeRejectedWith(PayloadTypeUnsupported);
        run.When(new CommitCheckpoint("{}", Roster)).ShouldBeRejectedWith(CheckpointMalformed);
        run.When(run.CommitOf(run.Next(A) with { Budget = -1 })).ShouldBeRejectedWith(CheckpointMalformed);
    }

    [Fact]
    public void Commit_during_a_handoff_is_refused()
    {
        var run = LineageRun.GrantedTo(A);
        run.Apply(new BeginHandoff(Key(A), Epoch.First, Key(B), Roster));

        run.When(run.CommitOf(run.Next(A))).ShouldBeRejectedWith(AuthorityNotActive);
    }

    [Fact]
    public void Checkpoint_of_an_owner_that_lost_the_executor_role_is_not_authenticated_by_the_new_roster()
    {
        var run = LineageRun.GrantedTo(A);

        run.When(new CommitCheckpoint(Signed(run.Next(A)), RosterOf(4, B, C))).ShouldBeRejectedWith(CheckpointSignatureInvalid);
    }

    internal static string Text(Envelope envelope) => System.Text.Encoding.UTF8.GetString(EnvelopeJson.Serialize(envelope));
}
