using ActorTrust.Core.Hashing;
using ActorTrust.Core.Lineage;
using static ActorTrust.Core.Lineage.LineageRejectionCodes;
using static ActorTrust.Core.Tests.Lineage.LineageFixtures;

namespace ActorTrust.Core.Tests.Lineage;

/// <summary>The generator of tests/vectors/lineage, from fixed seeds and a fixed clock (see <see cref="LineageFixtures"/>).</summary>
internal static partial class LineageVectorSet
{
    private static readonly Digest Payment = Digest.Sha256("POST /payments idempotency-key=42"u8);

    public static IReadOnlyList<LineageVector> All() =>
    [
        S("LN-001", "grant, genesis with the zero parent, then a chained commit").Grant(A).Commit(A).Commit(A).Build(),
        AntiClone(),
        S("LN-003", "lease past its grace: the deadline check enters recovery").Grant(A).Advance(70).Step(new CheckDeadlines()).Build(),
        S("LN-004", "renewal within grace bumps the generation, then the owner commits").Grant(A).Advance(65)
            .Step(new RenewLease(Key(A), Epoch.First, Roster)).Commit(A).Build(),
        S("LN-005", "handoff A to B to C to A, one commit per tenure").Grant(A).Commit(A).HandOff(B).Commit(B).HandOff(C).Commit(C).HandOff(A).Commit(A).Build(),
        AbortBeforeSend(),
        AbortAfterSend(),
        AmbiguousTransfer(),
        RecoveryBumpsMajor(),
        Divergence(),
        S("LN-011", "checkpoint signed by a non-owner executor: refused and recorded").Grant(A).Commit(B, WrongExecutor).Commit(A).Build(),
        UngrantedEpoch(),
        ForeignAgent(),
        KeyMismatch(),
        DuplicatesAndReorders(),
        SideEffects(),
        Retired(),
        OwnerLostRole(),
        TamperedSignature(),
        LateConfirmation(),
        BudgetConservation(),
    ];

    private static LineageScript S(string id, string description) => new(id, description);

    private static LineageVector AntiClone()
    {
        var s = S("LN-002", "anti-clone: an owner whose lease expired cannot commit, and the lineage has not forked").Grant(A).Commit(A).Advance(60);
        return s.Commit(A, LeaseExpired).Build();
    }

    private static LineageVector AbortBeforeSend()
    {
        var s = S("LN-006", "abort before the package was sent: the owner keeps its epoch and commits").Grant(A);
        return s.Step(new BeginHandoff(Key(A), Epoch.First, Key(B), Roster)).Step(new AbortHandoff(Key(A), Epoch.First)).Commit(A).Build();
    }

    private static LineageVector AbortAfterSend()
    {
        var s = S("LN-007", "abort after the package was sent is refused").Grant(A).Step(new BeginHandoff(Key(A), Epoch.First, Key(B), Roster));
        s.Step(new ReportTransferSent(Key(A), Epoch.First, s.Run.State.HeadDigest));
        return s.Step(new AbortHandoff(Key(A), Epoch.First), TransferAlreadySent).Build();
    }

    private static LineageVector AmbiguousTransfer()
    {
        var s = S("LN-008", "sent but unconfirmed past the timeout: recovery, and no retry to another target").Grant(A).Commit(A)
            .Step(new BeginHandoff(Key(A), Epoch.First, Key(B), Roster));
        s.Step(new ReportTransferSent(Key(A), Epoch.First, s.Run.State.HeadDigest)).Advance(30).Step(new CheckDeadlines());
        return s.Step(new BeginHandoff(Key(A), Epoch.First, Key(C), Roster), LineageRejectionCodes.RecoveryRequired).Build();
    }

    private static LineageVector RecoveryBumpsMajor()
    {
        var s = S("LN-009", "recovery by an operator bumps the major; the old owner's late checkpoint is a recorded violation").Grant(A).Commit(A);
        var late = s.Run.CommitOf(s.Run.Next(A));
        s.Advance(70).Step(new Recover(Key(B), Operator, Roster)).Step(late, SupersededEpoch).Commit(B);
        return s.Build();
    }

    private static LineageVector BudgetConservation()
    {
        var s = S("LN-021", "budget is conserved: spending is accepted; a checkpoint above its parent's budget is refused and recorded, across a handoff too")
            .Grant(A).Commit(A);
        s.Step(s.Run.CommitOf(s.Run.Next(A) with { Budget = 1_500 }), BudgetIncreased).Step(s.Run.CommitOf(s.Run.Next(A) with { Budget = 600 })).HandOff(B);
        return s.Step(s.Run.CommitOf(s.Run.Next(B) with { Budget = 601 }), BudgetIncreased).Step(s.Run.CommitOf(s.Run.Next(B) with { Budget = 600 })).Build();
    }

    private static LineageVector Divergence()
    {
        var s = S("LN-010", "two checkpoints claiming the same parent: divergence, recorded with both, and recovery").Grant(A).Commit(A).Commit(A);
        var rival = Checkpoint(A, 7, s.Run.State.Chain[0].Digest, Epoch.First);
        return s.Step(s.Run.CommitOf(rival), LineageRejectionCodes.Divergence).Commit(A, LineageRejectionCodes.RecoveryRequired).Build();
    }
}
