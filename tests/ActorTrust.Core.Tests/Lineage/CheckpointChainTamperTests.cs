using ActorTrust.Core.Crypto;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Lineage;
using ActorTrust.Core.Tests.TestSupport;
using static ActorTrust.Core.Lineage.CheckpointChainErrors;
using static ActorTrust.Core.Tests.Lineage.LineageFixtures;

namespace ActorTrust.Core.Tests.Lineage;

/// <summary>Offline verification of an exported chain (A commits, hands to B, B commits) and what every kind of tampering does to it.</summary>
public sealed class CheckpointChainTamperTests
{
    private static readonly Ed25519PublicKey[] ExecutorKeys = [TestKeys.Key(A).PublicKey, TestKeys.Key(B).PublicKey, TestKeys.Key(C).PublicKey];

    private static (List<string> Envelopes, LineageState State) Exported()
    {
        var run = LineageRun.GrantedTo(A);
        run.Commit(A);
        run.Commit(A);
        run.HandOff(B);
        run.Commit(B);
        run.Commit(B);
        return ([.. CheckpointChainVerifier.EnvelopesOf(run.Spec.History)], run.State);
    }

    private static CheckpointChainVerification Verify(IReadOnlyList<string> envelopes, LineageState? state = null) =>
        CheckpointChainVerifier.Verify(AgentId, envelopes, ExecutorKeys, state?.Tenures, state?.HeadDigest);

    [Fact]
    public void Exported_chain_verifies_with_its_tenures_and_head()
    {
        var (envelopes, state) = Exported();

        var verdict = Verify(envelopes, state);

        verdict.IsValid.ShouldBeTrue(verdict.Detail);
        verdict.Verified.Select(v => v.Digest).ShouldBe(state.Chain.Select(c => c.Digest));
        verdict.Verified.Select(v => v.SignerKeyId).ShouldBe([Key(A), Key(A), Key(B), Key(B)]);
    }

    [Fact]
    public void Flipping_one_payload_byte_breaks_the_signature()
    {
        var (envelopes, state) = Exported();
        var envelope = Parse(envelopes[1]);
        var payload = envelope.Payload.ToArray();
        payload[^5] ^= 0x01;
        envelopes[1] = Text(envelope with { Payload = payload });

        Verify(envelopes, state).ShouldFailWith(SignatureInvalid, 1);
    }

    [Fact]
    public void Re_signing_an_altered_checkpoint_with_a_key_that_is_no_executor_is_refused()
    {
        var (envelopes, state) = Exported();
        var altered = Read(envelopes[2]) with { StateDigest = StateAt(999) };
        envelopes[2] = Sign(altered, Outsider);

        Verify(envelopes, state).ShouldFailWith(SignatureInvalid, 2);
    }

    [Fact]
    public void Altered_checkpoint_re_signed_by_its_executor_breaks_the_next_parent_link()
    {
        var (envelopes, state) = Exported();
        envelopes[1] = Signed(Read(envelopes[1]) with { StateDigest = StateAt(999) });

        Verify(envelopes, state).ShouldFailWith(ParentMismatch, 2);
    }

    [Fact]
    public void Removing_a_middle_checkpoint_breaks_the_parent_link()
    {
        var (envelopes, state) = Exported();
        envelopes.RemoveAt(1);

        Verify(envelopes, state).ShouldFailWith(ParentMismatch, 1);
    }

    [Fact]
    public void Swapping_two_checkpoints_breaks_the_parent_link()
    {
        var (envelopes, state) = Exported();
        (envelopes[1], envelopes[2]) = (envelopes[2], envelopes[1]);

        Verify(envelopes, state).ShouldFailWith(ParentMismatch, 1);
    }

    [Fact]
    public void Dropping_the_genesis_leaves_a_chain_that_does_not_start_at_the_zero_parent()
    {
        var (envelopes, state) = Exported();

        Verify(envelopes[1..], state).ShouldFailWith(GenesisParentNotZero, 0);
    }

    [Fact]
    public void Truncating_the_tail_is_caught_only_against_the_expected_head()
    {
        var (envelopes, state) = Exported();

        Verify(envelopes[..3]).IsValid.ShouldBeTrue();
        Verify(envelopes[..3], state).ShouldFailWith(HeadMismatch, 3);
    }

    [Fact]
    public void Checkpoint_signed_by_an_executor_outside_its_epochs_tenure_is_refused()
    {
        var (envelopes, state) = Exported();
        envelopes[3] = Signed(Read(envelopes[3]) with { ExecutorKeyId = Key(C) });

        Verify(envelopes, state).ShouldFailWith(TenureMismatch, 3);
    }

    [Fact]
    public void Checkpoint_with_a_non_increasing_tick_a_regressed_epoch_another_agent_or_another_named_key_is_refused()
    {
        var (envelopes, state) = Exported();
        var previous = CheckpointSigning.DigestOf(Read(envelopes[2]));
        var last = Read(envelopes[3]);

        Verify([.. envelopes[..3], Signed(last with { Tick = 2 })]).ShouldFailWith(TickNotIncreasing, 3);
        Verify([.. envelopes[..3], Signed(last with { Budget = last.Budget + 1 })]).ShouldFailWith(BudgetIncreased, 3);
        Verify([.. envelopes[..3], Signed(last with { Epoch = Epoch.First })]).ShouldFailWith(EpochRegressed, 3);
        Verify([.. envelopes[..3], Signed(last with { AgentId = OtherAgent })]).ShouldFailWith(AgentMismatch, 3);
        Verify([.. envelopes[..3], Sign(last, A)]).ShouldFailWith(ExecutorKeyMismatch, 3);
        Verify([.. envelopes[..3], "not an envelope"]).ShouldFailWith(CheckpointMalformed, 3);
        last.Parent.ShouldBe(previous);
    }

    private static Envelope Parse(string text) => EnvelopeJson.Parse(System.Text.Encoding.UTF8.GetBytes(text));

    private static string Text(Envelope envelope) => System.Text.Encoding.UTF8.GetString(EnvelopeJson.Serialize(envelope));

    private static Checkpoint Read(string text) => Core.Json.ActorTrustJson.Read<Checkpoint>(Parse(text).Payload);
}

internal static class ChainVerdictAssertions
{
    public static void ShouldFailWith(this CheckpointChainVerification verdict, string error, int index)
    {
        verdict.Error.ShouldBe(error, verdict.Detail);
        verdict.FailedIndex.ShouldBe(index, verdict.Detail);
        verdict.Verified.Count.ShouldBe(index);
    }
}
