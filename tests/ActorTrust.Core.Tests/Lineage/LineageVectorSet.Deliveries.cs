using ActorTrust.Core.Lineage;
using ActorTrust.Core.Tests.TestSupport;
using static ActorTrust.Core.Lineage.LineageRejectionCodes;
using static ActorTrust.Core.Tests.Lineage.LineageFixtures;

namespace ActorTrust.Core.Tests.Lineage;

/// <summary>The violation, delivery, side-effect and fail-stop vectors.</summary>
internal static partial class LineageVectorSet
{
    private static LineageVector UngrantedEpoch()
    {
        var s = S("LN-012", "the owner claims an epoch it was never granted: refused and recorded").Grant(A);
        return s.Step(s.Run.CommitOf(s.Run.Next(A) with { Epoch = new Epoch(2, 0) }), LineageRejectionCodes.UngrantedEpoch).Build();
    }

    private static LineageVector ForeignAgent()
    {
        var s = S("LN-013", "another agent's checkpoint replayed into this lineage: refused and recorded").Grant(A);
        return s.Step(s.Run.CommitOf(s.Run.Next(A) with { AgentId = OtherAgent }), LineageRejectionCodes.ForeignAgent).Build();
    }

    private static LineageVector KeyMismatch()
    {
        var s = S("LN-014", "a checkpoint naming executor B but signed by A: refused and recorded").Grant(A);
        return s.Step(new CommitCheckpoint(Sign(s.Run.Next(B), A), Roster), ExecutorKeyMismatch).Build();
    }

    private static LineageVector DuplicatesAndReorders()
    {
        var s = S("LN-015", "duplicate checkpoint, duplicate grant and a renewal reordered behind a later one change nothing").Grant(A);
        var genesis = s.Run.CommitOf(s.Run.Next(A));
        var first = new RenewLease(Key(A), Epoch.First, Roster);
        s.Step(genesis).Commit(A).Step(genesis).Step(first).Step(new RenewLease(Key(A), new Epoch(1, 1), Roster)).Step(first).Grant(A);
        return s.Step(s.Run.CommitOf(s.Run.Next(A) with { Epoch = Epoch.First }), EpochMismatch).Build();
    }

    private static LineageVector SideEffects()
    {
        var s = S("LN-016", "side effects: authorised to the owner once; a non-owner's request is recorded; a later owner cannot repeat it").Grant(A);
        s.Step(new AuthorizeSideEffect(Key(A), Epoch.First, Payment, Roster)).Step(new AuthorizeSideEffect(Key(A), Epoch.First, Payment, Roster));
        s.Step(new AuthorizeSideEffect(Key(B), Epoch.First, StateAt(1), Roster), WrongExecutor).HandOff(B);
        return s.Step(new AuthorizeSideEffect(Key(B), new Epoch(2, 0), Payment, Roster), EffectAlreadyAuthorized).Build();
    }

    private static LineageVector Retired() =>
        S("LN-017", "a retired lineage is final").Grant(A).Commit(A).Step(new Retire(Operator)).Commit(A, LineageRejectionCodes.Retired)
            .Step(new Recover(Key(B), Operator, Roster), LineageRejectionCodes.Retired).Build();

    private static LineageVector OwnerLostRole() =>
        S("LN-018", "the owner no longer holds executor in the domain: recovery").Grant(A)
            .Step(new RenewLease(Key(A), Epoch.First, RosterOf(4, B, C)), OwnerNotExecutor).Build();

    private static LineageVector TamperedSignature()
    {
        var s = S("LN-019", "a checkpoint whose signature was altered is refused without recording").Grant(A);
        var envelope = CheckpointSigning.Sign(s.Run.Next(A), TestKeys.Signer(A));
        var signature = envelope.Signatures[0].Signature.ToArray();
        signature[0] ^= 0x01;
        var tampered = LineageCommitTests.Text(envelope with { Signatures = [envelope.Signatures[0] with { Signature = signature }] });
        return s.Step(new CommitCheckpoint(tampered, Roster), CheckpointSignatureInvalid).Commit(A).Build();
    }

    private static LineageVector LateConfirmation()
    {
        var s = S("LN-020", "a confirmation after the handoff timeout is refused and the ambiguity recorded").Grant(A)
            .Step(new BeginHandoff(Key(A), Epoch.First, Key(B), Roster));
        s.Step(new ReportTransferSent(Key(A), Epoch.First, s.Run.State.HeadDigest)).Advance(31);
        return s.Step(new ConfirmHandoff(Key(B), s.Run.State.HeadDigest, Roster), LineageRejectionCodes.RecoveryRequired).Build();
    }
}
