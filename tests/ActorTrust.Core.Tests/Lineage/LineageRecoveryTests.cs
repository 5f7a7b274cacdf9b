using ActorTrust.Core.Lineage;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Lineage.LineageRejectionCodes;
using static ActorTrust.Core.Tests.Lineage.LineageFixtures;

namespace ActorTrust.Core.Tests.Lineage;

public sealed class LineageRecoveryTests
{
    private static LineageRun InRecovery()
    {
        var run = LineageRun.GrantedTo(A);
        run.Commit(A);
        run.Renew(A);
        run.Advance(70);
        run.Apply(new CheckDeadlines());
        return run;
    }

    [Fact]
    public void Recovery_bumps_the_major_resets_the_generation_and_resumes_from_the_head()
    {
        var run = InRecovery();
        var head = run.State.HeadDigest;

        var recovered = run.When(new Recover(Key(B), Operator, Roster)).ShouldEmitSingle<LineageEvent, LineageRecovered>();
        run.Spec.Given(recovered);

        (recovered.PreviousEpoch, recovered.Epoch).ShouldBe((new Epoch(1, 1), new Epoch(2, 0)));
        recovered.Checkpoint.ShouldBe(head);
        run.State.Tenures[^1].ShouldBe(new Tenure(Key(B), new Epoch(2, 0), TenureStart.Recovered, head, run.Clock));
        run.Commit(B);
    }

    [Fact]
    public void Recovered_epoch_supersedes_the_old_owner_whose_late_checkpoint_is_recorded_as_a_violation()
    {
        var run = InRecovery();
        var late = run.Next(A);
        run.Apply(new Recover(Key(A), Operator, Roster));

        run.Deliver(run.CommitOf(late)).ShouldBeRecordedViolation(ViolationKind.SupersededEpoch);
        run.Commit(A);
        run.State.Chain[^1].Checkpoint.Epoch.ShouldBe(new Epoch(2, 0));
    }

    [Fact]
    public void Recover_is_refused_unless_recovery_is_required()
    {
        LineageRun.GrantedTo(A).When(new Recover(Key(B), Operator, Roster)).ShouldBeRejectedWith(RecoveryNotRequired);
        new LineageRun().When(new Recover(Key(B), Operator, Roster)).ShouldBeRejectedWith(NotAssigned);
    }

    [Fact]
    public void Recover_is_allowed_once_the_clocks_reveal_recovery_even_without_a_prior_check()
    {
        var run = LineageRun.GrantedTo(A).Advance(100);

        var events = run.When(new Recover(Key(C), Operator, Roster)).ShouldBeAccepted();

        events.Select(e => e.GetType()).ShouldBe([typeof(LineageRecoveryRequired), typeof(LineageRecovered)]);
    }

    [Fact]
    public void Recover_to_a_key_that_does_not_hold_executor_is_refused()
    {
        InRecovery().When(new Recover(Key(Publisher), Operator, Roster)).ShouldBeRejectedWith(ExecutorNotInDomain);
    }

    [Fact]
    public void Retired_lineage_is_final()
    {
        var run = LineageRun.GrantedTo(A);
        run.Apply(new Retire(Operator));

        run.State.Status.ShouldBe(AuthorityStatus.Retired);
        run.When(run.CommitOf(run.Next(A))).ShouldBeRejectedWith(LineageRejectionCodes.Retired);
        run.When(new RenewLease(Key(A), Epoch.First, Roster)).ShouldBeRejectedWith(LineageRejectionCodes.Retired);
        run.When(new Recover(Key(A), Operator, Roster)).ShouldBeRejectedWith(LineageRejectionCodes.Retired);
        run.When(new GrantAuthority(Key(B), Operator, Roster)).ShouldBeRejectedWith(AlreadyAssigned);
        run.When(new Retire(Operator)).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void Lineage_requiring_recovery_may_be_retired_by_an_operator()
    {
        var run = InRecovery();

        run.When(new Retire(Operator)).ShouldEmitSingle<LineageEvent, LineageRetired>().Epoch.ShouldBe(new Epoch(1, 1));
    }
}
