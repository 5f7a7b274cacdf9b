using ActorTrust.Core.Lineage;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Lineage.LineageRejectionCodes;
using static ActorTrust.Core.Tests.Lineage.LineageFixtures;

namespace ActorTrust.Core.Tests.Lineage;

/// <summary>Duplicate, reordered and stale deliveries: an already-applied command changes nothing; a stale one is refused.</summary>
public sealed class LineageDeliveryTests
{
    [Fact]
    public void Duplicate_grant_is_accepted_with_no_events()
    {
        var run = LineageRun.GrantedTo(A);
        run.Renew(A);

        run.When(new GrantAuthority(Key(A), Operator, Roster)).ShouldBeAccepted().ShouldBeEmpty();
        run.When(new GrantAuthority(Key(B), Operator, Roster)).ShouldBeRejectedWith(AlreadyAssigned);
    }

    [Fact]
    public void Duplicate_checkpoint_delivered_after_later_commits_is_accepted_with_no_events()
    {
        var run = LineageRun.GrantedTo(A);
        var genesis = run.CommitOf(run.Next(A));
        run.Apply(genesis);
        var head = run.CommitOf(run.Next(A));
        run.Apply(head);
        run.Commit(A);

        run.When(genesis).ShouldBeAccepted().ShouldBeEmpty();
        run.When(head).ShouldBeAccepted().ShouldBeEmpty();
        run.State.Status.ShouldBe(AuthorityStatus.ActiveOwner);
    }

    [Fact]
    public void Duplicate_checkpoint_delivered_after_a_handoff_is_still_a_no_op()
    {
        var run = LineageRun.GrantedTo(A);
        var commit = run.CommitOf(run.Next(A));
        run.Apply(commit);
        run.HandOff(B);

        run.When(commit).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void Renewal_reordered_behind_a_later_renewal_is_accepted_with_no_events()
    {
        var run = LineageRun.GrantedTo(A);
        var first = new RenewLease(Key(A), new Epoch(1, 0), Roster);
        run.Apply(first);
        run.Apply(new RenewLease(Key(A), new Epoch(1, 1), Roster));

        run.When(first).ShouldBeAccepted().ShouldBeEmpty();
        run.Epoch.ShouldBe(new Epoch(1, 2));
    }

    [Fact]
    public void Checkpoint_signed_under_a_generation_the_owner_has_since_renewed_is_refused_without_recording()
    {
        var run = LineageRun.GrantedTo(A);
        var old = run.CommitOf(run.Next(A));
        run.Renew(A);

        run.When(old).ShouldBeRejectedWith(EpochMismatch);
    }

    [Fact]
    public void Every_handoff_step_redelivered_is_accepted_with_no_events()
    {
        var run = LineageRun.GrantedTo(A);
        var head = run.Commit(A);
        var begin = new BeginHandoff(Key(A), Epoch.First, Key(B), Roster);
        var sent = new ReportTransferSent(Key(A), Epoch.First, head);
        var confirm = new ConfirmHandoff(Key(B), head, Roster);
        run.Apply(begin);
        run.When(begin).ShouldBeAccepted().ShouldBeEmpty();
        run.Apply(sent);
        run.When(begin).ShouldBeAccepted().ShouldBeEmpty();
        run.When(sent).ShouldBeAccepted().ShouldBeEmpty();
        run.Apply(confirm);

        foreach (var again in new LineageCommand[] { begin, sent, confirm })
        {
            run.When(again).ShouldBeAccepted().ShouldBeEmpty();
        }

        run.Epoch.ShouldBe(new Epoch(2, 0));
    }

    [Fact]
    public void Redelivered_abort_and_recovery_are_accepted_with_no_events()
    {
        var run = LineageRun.GrantedTo(A);
        var abort = new AbortHandoff(Key(A), Epoch.First);
        run.Apply(new BeginHandoff(Key(A), Epoch.First, Key(B), Roster));
        run.Apply(abort);
        run.When(abort).ShouldBeAccepted().ShouldBeEmpty();

        run.Advance(70).Apply(new CheckDeadlines());
        var recover = new Recover(Key(C), Operator, Roster);
        run.Apply(recover);
        run.Renew(C);
        run.When(recover).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void Handoff_steps_delivered_out_of_order_are_refused()
    {
        var run = LineageRun.GrantedTo(A);

        run.When(new ReportTransferSent(Key(A), Epoch.First, run.State.HeadDigest)).ShouldBeRejectedWith(NoHandoffInProgress);
        run.When(new ConfirmHandoff(Key(B), run.State.HeadDigest, Roster)).ShouldBeRejectedWith(NoHandoffInProgress);
        run.When(new AbortHandoff(Key(A), Epoch.First)).ShouldBeRejectedWith(NoHandoffInProgress);
    }

    [Fact]
    public void Stale_handoff_request_from_a_previous_owner_is_refused()
    {
        var run = LineageRun.GrantedTo(A);
        run.HandOff(B);

        run.When(new BeginHandoff(Key(A), Epoch.First, Key(C), Roster)).ShouldBeRejectedWith(NotOwner);
        run.When(new RenewLease(Key(A), Epoch.First, Roster)).ShouldBeRejectedWith(NotOwner);
    }
}
