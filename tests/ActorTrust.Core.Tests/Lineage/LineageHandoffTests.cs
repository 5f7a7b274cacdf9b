using ActorTrust.Core.Lineage;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Lineage.LineageRejectionCodes;
using static ActorTrust.Core.Tests.Lineage.LineageFixtures;

namespace ActorTrust.Core.Tests.Lineage;

public sealed class LineageHandoffTests
{
    [Fact]
    public void Handoff_happy_path_a_to_b_to_c_to_a_bumps_the_major_each_time_and_keeps_one_chain()
    {
        var run = LineageRun.GrantedTo(A);
        run.Commit(A);
        var owners = new List<(int Key, Epoch Epoch)> { (A, run.Epoch) };

        foreach (var next in new[] { B, C, A })
        {
            run.HandOff(next);
            owners.Add((next, run.Epoch));
            run.Commit(next);
        }

        owners.ShouldBe([(A, new Epoch(1, 0)), (B, new Epoch(2, 0)), (C, new Epoch(3, 0)), (A, new Epoch(4, 0))]);
        run.State.Tenures.Select(t => (t.Executor, t.Start)).ShouldBe(
            [(Key(A), TenureStart.Granted), (Key(B), TenureStart.HandedOff), (Key(C), TenureStart.HandedOff), (Key(A), TenureStart.HandedOff)]);
        run.State.Chain.Select(c => c.Checkpoint.ExecutorKeyId).ShouldBe([Key(A), Key(B), Key(C), Key(A)]);
        run.State.Status.ShouldBe(AuthorityStatus.ActiveOwner);
    }

    [Fact]
    public void Handoff_moves_through_initiated_and_pending_and_the_source_loses_authority_at_confirmation()
    {
        var run = LineageRun.GrantedTo(A);
        var head = run.Commit(A);

        run.Apply(new BeginHandoff(Key(A), Epoch.First, Key(B), Roster));
        run.State.Status.ShouldBe(AuthorityStatus.HandoffInitiated);
        run.Apply(new ReportTransferSent(Key(A), Epoch.First, head));
        run.State.Status.ShouldBe(AuthorityStatus.HandoffPending);
        run.State.Handoff!.Deadline.ShouldBe(Now.AddSeconds(30));
        var confirmed = run.When(new ConfirmHandoff(Key(B), head, Roster)).ShouldEmitSingle<LineageEvent, HandoffConfirmed>();
        run.Spec.Given(confirmed);

        (confirmed.From, confirmed.To, confirmed.PreviousEpoch, confirmed.Epoch).ShouldBe((Key(A), Key(B), Epoch.First, new Epoch(2, 0)));
        run.State.CanCommit(Key(B), new Epoch(2, 0), run.Clock).ShouldBeTrue();
        run.State.CanCommit(Key(A), Epoch.First, run.Clock).ShouldBeFalse();
    }

    [Fact]
    public void Abort_before_the_package_was_sent_returns_authority_to_the_owner_at_the_same_epoch()
    {
        var run = LineageRun.GrantedTo(A);
        run.Apply(new BeginHandoff(Key(A), Epoch.First, Key(B), Roster));

        run.When(new AbortHandoff(Key(A), Epoch.First)).ShouldEmitSingle<LineageEvent, HandoffAborted>();
        run.Apply(new AbortHandoff(Key(A), Epoch.First));

        run.State.Status.ShouldBe(AuthorityStatus.ActiveOwner);
        run.Epoch.ShouldBe(Epoch.First);
        run.Commit(A);
    }

    [Fact]
    public void Abort_after_the_package_was_sent_is_refused()
    {
        var run = LineageRun.GrantedTo(A);
        run.Apply(new BeginHandoff(Key(A), Epoch.First, Key(B), Roster));
        run.Apply(new ReportTransferSent(Key(A), Epoch.First, run.State.HeadDigest));

        run.When(new AbortHandoff(Key(A), Epoch.First)).ShouldBeRejectedWith(TransferAlreadySent);
    }

    [Fact]
    public void Ambiguous_transfer_past_its_timeout_enters_recovery_and_is_never_retried_elsewhere()
    {
        var run = LineageRun.GrantedTo(A);
        run.Apply(new BeginHandoff(Key(A), Epoch.First, Key(B), Roster));
        run.Apply(new ReportTransferSent(Key(A), Epoch.First, run.State.HeadDigest));
        run.Advance(30);

        run.Deliver(new CheckDeadlines()).Events.ShouldHaveSingleItem().ShouldBeOfType<LineageRecoveryRequired>().Reason.ShouldBe(RecoveryReason.HandoffAmbiguous);

        run.When(new BeginHandoff(Key(A), Epoch.First, Key(C), Roster)).ShouldBeRejectedWith(LineageRejectionCodes.RecoveryRequired);
        run.When(new ConfirmHandoff(Key(B), run.State.HeadDigest, Roster)).ShouldBeRejectedWith(LineageRejectionCodes.RecoveryRequired);
        run.When(run.CommitOf(run.Next(A))).ShouldBeRejectedWith(LineageRejectionCodes.RecoveryRequired);
    }

    [Fact]
    public void Late_confirmation_is_refused_and_records_the_ambiguity()
    {
        var run = LineageRun.GrantedTo(A);
        run.Apply(new BeginHandoff(Key(A), Epoch.First, Key(B), Roster));
        run.Apply(new ReportTransferSent(Key(A), Epoch.First, run.State.HeadDigest));
        run.Advance(31);

        run.Deliver(new ConfirmHandoff(Key(B), run.State.HeadDigest, Roster))
            .ShouldEnterRecovery(LineageRejectionCodes.RecoveryRequired, RecoveryReason.HandoffAmbiguous);

        run.State.Owner.ShouldBe(Key(A));
    }

    [Fact]
    public void Confirmation_by_another_executor_than_the_target_is_refused()
    {
        var run = LineageRun.GrantedTo(A);
        run.Apply(new BeginHandoff(Key(A), Epoch.First, Key(B), Roster));
        run.Apply(new ReportTransferSent(Key(A), Epoch.First, run.State.HeadDigest));

        run.When(new ConfirmHandoff(Key(C), run.State.HeadDigest, Roster)).ShouldBeRejectedWith(HandoffTargetMismatch);
    }

    [Fact]
    public void Target_resuming_from_another_checkpoint_than_the_one_sent_halts_into_recovery()
    {
        var run = LineageRun.GrantedTo(A);
        run.Commit(A);
        run.Apply(new BeginHandoff(Key(A), Epoch.First, Key(B), Roster));
        run.Apply(new ReportTransferSent(Key(A), Epoch.First, run.State.HeadDigest));

        run.Deliver(new ConfirmHandoff(Key(B), Core.Lineage.Checkpoint.GenesisParent, Roster)).ShouldEnterRecovery(HandoffCheckpointMismatch, RecoveryReason.Divergence);
    }

    [Fact]
    public void Confirmation_before_the_package_was_sent_is_refused()
    {
        var run = LineageRun.GrantedTo(A);
        run.Apply(new BeginHandoff(Key(A), Epoch.First, Key(B), Roster));

        run.When(new ConfirmHandoff(Key(B), run.State.HeadDigest, Roster)).ShouldBeRejectedWith(NoHandoffInProgress);
    }

    [Fact]
    public void Handoff_to_itself_to_a_non_executor_by_a_non_owner_or_with_an_expired_lease_is_refused()
    {
        var run = LineageRun.GrantedTo(A);

        run.When(new BeginHandoff(Key(A), Epoch.First, Key(A), Roster)).ShouldBeRejectedWith(HandoffTargetInvalid);
        run.When(new BeginHandoff(Key(A), Epoch.First, Key(Publisher), Roster)).ShouldBeRejectedWith(ExecutorNotInDomain);
        run.When(new BeginHandoff(Key(B), Epoch.First, Key(C), Roster)).ShouldBeRejectedWith(NotOwner);
        run.Advance(61).When(new BeginHandoff(Key(A), Epoch.First, Key(B), Roster)).ShouldBeRejectedWith(LeaseExpired);
    }

    [Fact]
    public void Package_must_resume_from_the_head()
    {
        var run = LineageRun.GrantedTo(A);
        run.Commit(A);
        run.Apply(new BeginHandoff(Key(A), Epoch.First, Key(B), Roster));

        run.When(new ReportTransferSent(Key(A), Epoch.First, Core.Lineage.Checkpoint.GenesisParent)).ShouldBeRejectedWith(HandoffCheckpointMismatch);
    }
}
