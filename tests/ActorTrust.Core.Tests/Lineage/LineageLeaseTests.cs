using ActorTrust.Core.Lineage;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Lineage.LineageRejectionCodes;
using static ActorTrust.Core.Tests.Lineage.LineageFixtures;

namespace ActorTrust.Core.Tests.Lineage;

public sealed class LineageLeaseTests
{
    [Fact]
    public void Grant_gives_the_executor_authority_at_epoch_one_zero_with_a_lease_from_the_command_time()
    {
        var run = new LineageRun();

        var granted = run.When(new GrantAuthority(Key(A), Operator, Roster)).ShouldEmitSingle<LineageEvent, AuthorityGranted>();

        granted.Epoch.ShouldBe(Epoch.First);
        granted.Lease.ShouldBe(new Lease(Now, Now.AddSeconds(60), Now.AddSeconds(70)));
        granted.Authority.Version.ShouldBe(3);
        granted.Operator.ShouldBe(Operator);
    }

    [Fact]
    public void Grant_to_a_key_that_does_not_hold_executor_is_refused()
    {
        new LineageRun().When(new GrantAuthority(Key(Publisher), Operator, Roster)).ShouldBeRejectedWith(ExecutorNotInDomain);
    }

    [Fact]
    public void Grant_uses_the_lease_settings_in_the_command()
    {
        var granted = new LineageRun().When(new GrantAuthority(Key(A), Operator, Roster, new LineageSettings(5, 2, 3)))
            .ShouldEmitSingle<LineageEvent, AuthorityGranted>();

        granted.Lease.ShouldBe(new Lease(Now, Now.AddSeconds(5), Now.AddSeconds(7)));
    }

    [Fact]
    public void Anti_clone_an_expired_owner_cannot_commit()
    {
        var run = LineageRun.GrantedTo(A).Advance(60);

        run.When(run.CommitOf(run.Next(A))).ShouldBeRejectedWith(LeaseExpired);
        run.State.CanCommit(Key(A), run.Epoch, run.Clock).ShouldBeFalse();
    }

    [Fact]
    public void Within_grace_an_expired_owner_may_renew_and_then_commit_again()
    {
        var run = LineageRun.GrantedTo(A).Advance(65);

        var renewed = run.When(new RenewLease(Key(A), Epoch.First, Roster)).ShouldEmitSingle<LineageEvent, LeaseRenewed>();
        run.Spec.Given(renewed);

        renewed.Epoch.ShouldBe(new Epoch(1, 1));
        renewed.Lease.ExpiresAt.ShouldBe(Now.AddSeconds(125));
        run.Commit(A);
        run.State.Chain.Count.ShouldBe(1);
    }

    [Fact]
    public void Lease_expiry_past_grace_puts_the_lineage_in_recovery()
    {
        var run = LineageRun.GrantedTo(A).Advance(70);

        var recovery = run.When(new CheckDeadlines()).ShouldEmitSingle<LineageEvent, LineageRecoveryRequired>();

        recovery.Reason.ShouldBe(RecoveryReason.LeaseExpired);
        recovery.RefusedCode.ShouldBeNull();
        run.State.SnapshotAt(run.Clock).ShouldBe(new LineageSnapshot(AuthorityStatus.ActiveOwner, AuthorityStatus.RecoveryRequired, 0,
            Core.Lineage.Checkpoint.GenesisParent, 0, Epoch.First, Key(A), new Lease(Now, Now.AddSeconds(60), Now.AddSeconds(70))));
        run.State.StatusAt(run.Clock).ShouldBe(AuthorityStatus.RecoveryRequired);
        run.State.StatusAt(run.Clock.AddSeconds(-1)).ShouldBe(AuthorityStatus.ActiveOwner);
    }

    [Fact]
    public void Renewal_past_grace_is_refused_and_records_the_recovery_it_revealed()
    {
        var run = LineageRun.GrantedTo(A).Advance(71);

        var decision = run.Deliver(new RenewLease(Key(A), Epoch.First, Roster));

        decision.ShouldEnterRecovery(LineageRejectionCodes.RecoveryRequired, RecoveryReason.LeaseExpired);
        run.State.Status.ShouldBe(AuthorityStatus.RecoveryRequired);
        run.When(run.CommitOf(run.Next(A))).ShouldBeRejectedWith(LineageRejectionCodes.RecoveryRequired);
    }

    [Fact]
    public void Commit_past_grace_is_refused_and_the_lineage_enters_recovery()
    {
        var run = LineageRun.GrantedTo(A).Advance(80);

        run.Deliver(run.CommitOf(run.Next(A))).ShouldEnterRecovery(LineageRejectionCodes.RecoveryRequired, RecoveryReason.LeaseExpired);

        run.State.Chain.ShouldBeEmpty();
    }

    [Fact]
    public void Renewal_by_another_executor_or_at_another_epoch_is_refused()
    {
        var run = LineageRun.GrantedTo(A);

        run.When(new RenewLease(Key(B), Epoch.First, Roster)).ShouldBeRejectedWith(NotOwner);
        run.When(new RenewLease(Key(A), new Epoch(1, 3), Roster)).ShouldBeRejectedWith(EpochMismatch);
    }

    [Fact]
    public void Out_of_range_settings_are_refused()
    {
        new LineageRun().When(new GrantAuthority(Key(A), Operator, Roster, new LineageSettings(0))).ShouldBeRejectedWith(CommandInvalid);
        new LineageRun().When(new GrantAuthority(Key(A), Operator, Roster, new LineageSettings(GraceSeconds: -1))).ShouldBeRejectedWith(CommandInvalid);
        LineageSettings.Default.ShouldBe(new LineageSettings(60, 10, 30));
    }

    [Fact]
    public void Roster_of_another_domain_expired_or_older_than_one_used_is_refused()
    {
        var run = LineageRun.GrantedTo(A);

        run.When(new RenewLease(Key(A), Epoch.First, Roster with { DomainId = "other.example" })).ShouldBeRejectedWith(RosterInvalid);
        run.When(new RenewLease(Key(A), Epoch.First, Roster with { ExpiresAt = Now })).ShouldBeRejectedWith(RosterExpired);
        run.When(new RenewLease(Key(A), Epoch.First, RosterOf(2, A, B))).ShouldBeRejectedWith(RosterStale);
    }

    [Fact]
    public void Owner_that_lost_the_executor_role_cannot_renew_and_the_lineage_enters_recovery()
    {
        var run = LineageRun.GrantedTo(A);

        run.Deliver(new RenewLease(Key(A), Epoch.First, RosterOf(4, B, C))).ShouldEnterRecovery(OwnerNotExecutor, RecoveryReason.OwnerNotExecutor);

        run.State.Status.ShouldBe(AuthorityStatus.RecoveryRequired);
    }
}
