using ActorTrust.Core.Hashing;
using ActorTrust.Core.Lineage;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Lineage.LineageRejectionCodes;
using static ActorTrust.Core.Tests.Lineage.LineageFixtures;

namespace ActorTrust.Core.Tests.Lineage;

public sealed class LineageViolationTests
{
    [Fact]
    public void Two_different_checkpoints_claiming_the_same_parent_are_a_divergence_that_halts_into_recovery_with_both_as_evidence()
    {
        var run = LineageRun.GrantedTo(A);
        var genesis = run.Commit(A);
        var first = run.Commit(A);
        var rival = Checkpoint(A, 5, genesis, Epoch.First);

        var decision = run.Deliver(run.CommitOf(rival));

        var violated = decision.ShouldBeRecordedViolation(ViolationKind.Divergence);
        decision.ShouldEnterRecovery(Divergence, RecoveryReason.Divergence);
        violated.Offending!.Checkpoint.ShouldBe(rival);
        violated.Offending.Digest.ShouldBe(CheckpointSigning.DigestOf(rival));
        violated.Conflicting!.Digest.ShouldBe(first);
        run.State.Status.ShouldBe(AuthorityStatus.RecoveryRequired);
        run.State.HeadDigest.ShouldBe(first);
    }

    [Fact]
    public void A_checkpoint_claiming_more_budget_than_its_parent_is_refused_and_recorded_with_both_and_the_lineage_goes_on()
    {
        var run = LineageRun.GrantedTo(A);
        var parent = run.Commit(A);
        var minted = run.Next(A) with { Budget = 1_001 };

        var decision = run.Deliver(run.CommitOf(minted));
        var spent = run.Deliver(run.CommitOf(run.Next(A) with { Budget = 999 }));

        var violated = decision.ShouldBeRecordedViolation(ViolationKind.BudgetIncreased);
        decision.Rejection!.Code.ShouldBe(BudgetIncreased);
        violated.Offending!.Checkpoint.ShouldBe(minted);
        violated.Conflicting!.Digest.ShouldBe(parent);
        spent.IsAccepted.ShouldBeTrue();
        run.State.Status.ShouldBe(AuthorityStatus.ActiveOwner);
        run.State.Head!.Checkpoint.Budget.ShouldBe(999);
    }

    [Fact]
    public void After_a_recovery_the_new_owner_cannot_raise_the_budget_either()
    {
        var run = LineageRun.GrantedTo(A);
        run.Commit(A);
        run.Advance(70).Apply(new CheckDeadlines());
        run.Apply(new Recover(Key(B), Operator, Roster));

        run.Deliver(run.CommitOf(run.Next(B) with { Budget = 5_000 })).ShouldBeRecordedViolation(ViolationKind.BudgetIncreased);
    }

    [Fact]
    public void Checkpoint_repeating_the_head_tick_is_a_divergence()
    {
        var run = LineageRun.GrantedTo(A);
        run.Commit(A);
        var head = run.Commit(A);

        var violated = run.Deliver(run.CommitOf(run.Next(A, tick: 1))).ShouldBeRecordedViolation(ViolationKind.Divergence);

        violated.Conflicting!.Digest.ShouldBe(head);
        run.State.Status.ShouldBe(AuthorityStatus.RecoveryRequired);
    }

    [Fact]
    public void Checkpoint_with_an_unknown_parent_is_a_divergence_against_the_head()
    {
        var run = LineageRun.GrantedTo(A);
        var head = run.Commit(A);

        var violated = run.Deliver(run.CommitOf(Checkpoint(A, 9, StateAt(99), Epoch.First))).ShouldBeRecordedViolation(ViolationKind.Divergence);

        violated.Conflicting!.Digest.ShouldBe(head);
    }

    [Fact]
    public void Genesis_with_a_nonzero_parent_is_refused_as_a_divergence()
    {
        var run = LineageRun.GrantedTo(A);

        run.Deliver(run.CommitOf(Checkpoint(A, 0, StateAt(1), Epoch.First))).ShouldEnterRecovery(Divergence, RecoveryReason.Divergence);
    }

    [Fact]
    public void Stale_epoch_checkpoint_is_refused_and_recorded_with_the_conflicting_checkpoint()
    {
        var run = LineageRun.GrantedTo(A);
        run.Commit(A);
        var stale = run.Next(A);
        run.HandOff(B);
        var bHead = run.Commit(B);

        var violated = run.Deliver(run.CommitOf(stale)).ShouldBeRecordedViolation(ViolationKind.SupersededEpoch);

        violated.Executor.ShouldBe(Key(A));
        violated.ClaimedEpoch.ShouldBe(Epoch.First);
        violated.Epoch.ShouldBe(new Epoch(2, 0));
        violated.Conflicting!.Digest.ShouldBe(bHead);
        run.State.Status.ShouldBe(AuthorityStatus.ActiveOwner);
        run.State.Owner.ShouldBe(Key(B));
    }

    [Fact]
    public void Checkpoint_signed_by_an_executor_that_is_not_the_owner_is_refused_and_recorded()
    {
        var run = LineageRun.GrantedTo(A);

        var violated = run.Deliver(run.CommitOf(run.Next(B))).ShouldBeRecordedViolation(ViolationKind.WrongExecutor);

        violated.Executor.ShouldBe(Key(B));
        run.State.Chain.ShouldBeEmpty();
        run.Commit(A);
    }

    [Fact]
    public void Owner_claiming_an_epoch_it_was_never_granted_is_refused_and_recorded()
    {
        var run = LineageRun.GrantedTo(A);

        run.Deliver(run.CommitOf(run.Next(A) with { Epoch = new Epoch(2, 0) })).ShouldBeRecordedViolation(ViolationKind.UngrantedEpoch);
    }

    [Fact]
    public void Checkpoint_of_another_agent_replayed_into_this_lineage_is_refused_and_recorded()
    {
        var run = LineageRun.GrantedTo(A);

        run.Deliver(run.CommitOf(run.Next(A) with { AgentId = OtherAgent })).ShouldBeRecordedViolation(ViolationKind.ForeignAgent);
    }

    [Fact]
    public void Checkpoint_naming_another_executor_than_its_signer_is_refused_and_recorded()
    {
        var run = LineageRun.GrantedTo(A);

        var violated = run.Deliver(new CommitCheckpoint(Sign(run.Next(B), A), Roster)).ShouldBeRecordedViolation(ViolationKind.ExecutorKeyMismatch);

        violated.Executor.ShouldBe(Key(A));
    }

    [Fact]
    public void Redelivered_violation_is_refused_again_without_a_second_record()
    {
        var run = LineageRun.GrantedTo(A);
        var wrong = run.CommitOf(run.Next(B));
        run.Deliver(wrong);

        run.When(wrong).ShouldBeRejectedWith(WrongExecutor);
        run.State.Violations.ShouldHaveSingleItem().Kind.ShouldBe(ViolationKind.WrongExecutor);
    }

    [Fact]
    public void Recorded_violations_and_refused_recoveries_give_their_refusal_back_for_retried_commands()
    {
        var run = LineageRun.GrantedTo(A);
        var decision = run.When(run.CommitOf(run.Next(B)));

        LineageDecider.RecordedRejection(decision.Events[0]).ShouldBe(decision.Rejection);
        LineageDecider.RecordedRejection(new LineageRecoveryRequired(RecoveryReason.LeaseExpired, "x", Epoch.First, Now))
            .ShouldBeNull();
        LineageDecider.RecordedRejection(new LineageRecoveryRequired(RecoveryReason.LeaseExpired, "x", Epoch.First, Now, LeaseExpired))!
            .Code.ShouldBe(LeaseExpired);
    }

    [Fact]
    public void Lineage_id_that_is_not_a_spiffe_id_is_refused()
    {
        new ActorTrust.TestKit.Entities.DeciderSpec<LineageState, LineageCommand, LineageEvent>(LineageDecider.Instance, "agent-1")
            .When(new GrantAuthority(Key(A), Operator, Roster), Now).ShouldBeRejectedWith(AgentIdInvalid);
        new LineageRun().When(new GrantAuthority(Key(A), " ", Roster)).ShouldBeRejectedWith(CommandInvalid);
        new LineageRun().When(new GrantAuthority(Digest.Zero, Operator, Roster)).ShouldBeRejectedWith(ExecutorNotInDomain);
    }
}
