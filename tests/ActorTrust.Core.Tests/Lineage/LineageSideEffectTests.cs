using ActorTrust.Core.Hashing;
using ActorTrust.Core.Lineage;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Lineage.LineageRejectionCodes;
using static ActorTrust.Core.Tests.Lineage.LineageFixtures;

namespace ActorTrust.Core.Tests.Lineage;

public sealed class LineageSideEffectTests
{
    private static readonly Digest Payment = Digest.Sha256("POST /payments idempotency-key=42"u8);

    [Fact]
    public void Owner_at_its_current_epoch_is_authorised_a_side_effect_pinned_to_the_head()
    {
        var run = LineageRun.GrantedTo(A);
        var head = run.Commit(A);

        var authorized = run.When(new AuthorizeSideEffect(Key(A), Epoch.First, Payment, Roster)).ShouldEmitSingle<LineageEvent, SideEffectAuthorized>();

        (authorized.Executor, authorized.Epoch, authorized.Effect, authorized.Checkpoint).ShouldBe((Key(A), Epoch.First, Payment, head));
    }

    [Fact]
    public void Side_effect_asked_by_an_executor_that_is_not_the_owner_is_refused_and_recorded()
    {
        var run = LineageRun.GrantedTo(A);

        var violated = run.Deliver(new AuthorizeSideEffect(Key(B), Epoch.First, Payment, Roster)).ShouldBeRecordedViolation(ViolationKind.WrongExecutor);

        violated.Effect.ShouldBe(Payment);
        run.State.Effects.ShouldBeEmpty();
    }

    [Fact]
    public void Side_effect_asked_by_a_previous_owner_after_handoff_is_refused_and_recorded()
    {
        var run = LineageRun.GrantedTo(A);
        run.HandOff(B);

        run.Deliver(new AuthorizeSideEffect(Key(A), Epoch.First, Payment, Roster)).ShouldBeRecordedViolation(ViolationKind.SupersededEpoch);
    }

    [Fact]
    public void Side_effect_is_refused_during_handoff_in_recovery_and_with_an_expired_lease()
    {
        var handingOff = LineageRun.GrantedTo(A);
        handingOff.Apply(new BeginHandoff(Key(A), Epoch.First, Key(B), Roster));
        handingOff.When(new AuthorizeSideEffect(Key(A), Epoch.First, Payment, Roster)).ShouldBeRejectedWith(AuthorityNotActive);

        LineageRun.GrantedTo(A).Advance(61).When(new AuthorizeSideEffect(Key(A), Epoch.First, Payment, Roster)).ShouldBeRejectedWith(LeaseExpired);
        LineageRun.GrantedTo(A).Advance(70).When(new AuthorizeSideEffect(Key(A), Epoch.First, Payment, Roster)).Rejection!.Code.ShouldBe(LineageRejectionCodes.RecoveryRequired);
    }

    [Fact]
    public void Side_effect_is_authorised_once_per_lineage_and_a_later_owner_cannot_repeat_it()
    {
        var run = LineageRun.GrantedTo(A);
        run.Apply(new AuthorizeSideEffect(Key(A), Epoch.First, Payment, Roster));

        run.When(new AuthorizeSideEffect(Key(A), Epoch.First, Payment, Roster)).ShouldBeAccepted().ShouldBeEmpty();
        run.HandOff(B);
        run.When(new AuthorizeSideEffect(Key(B), run.Epoch, Payment, Roster)).ShouldBeRejectedWith(EffectAlreadyAuthorized);
    }

    [Fact]
    public void Side_effect_asked_by_a_key_that_is_no_executor_is_refused_without_recording()
    {
        LineageRun.GrantedTo(A).When(new AuthorizeSideEffect(Key(Outsider), Epoch.First, Payment, Roster)).ShouldBeRejectedWith(ExecutorNotInDomain);
    }
}
