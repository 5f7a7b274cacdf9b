using ActorTrust.Core.Agents;

namespace ActorTrust.Core.Lineage;

/// <summary>How each lineage event changes the state; null when the event cannot follow the state (a corrupt journal).</summary>
internal static class LineageEvolution
{
    internal static LineageState? Apply(LineageState s, LineageEvent @event) => @event switch
    {
        AuthorityGranted e when s.Status == AuthorityStatus.Unassigned => Owned(s, e.Executor, e.Epoch, e.Lease, e.Authority) with
        {
            Tenures = s.Tenures.Add(new Tenure(e.Executor, e.Epoch, TenureStart.Granted, s.HeadDigest, e.At)),
        },
        LeaseRenewed e when s.Status == AuthorityStatus.ActiveOwner && s.Owner == e.Executor && s.Epoch == e.PreviousEpoch =>
            Owned(s, e.Executor, e.Epoch, e.Lease, e.Authority),
        CheckpointCommitted e when s.Status == AuthorityStatus.ActiveOwner && e.Checkpoint.Parent == s.HeadDigest => s with
        {
            Chain = s.Chain.Add(new CommittedCheckpoint(e.CheckpointDigest, e.Checkpoint, e.At)),
            AuthorityVersion = Math.Max(s.AuthorityVersion, e.Authority.Version),
        },
        HandoffStarted e when s.Status == AuthorityStatus.ActiveOwner && s.Owner == e.From => s with
        {
            Status = AuthorityStatus.HandoffInitiated,
            Handoff = new HandoffRecord(e.From, e.To, e.Epoch, HandoffStage.Initiated, e.Checkpoint, e.At),
            AuthorityVersion = Math.Max(s.AuthorityVersion, e.Authority.Version),
        },
        HandoffAborted when s is { Status: AuthorityStatus.HandoffInitiated, Handoff: { } h } => s with
        {
            Status = AuthorityStatus.ActiveOwner,
            Handoff = h with { Stage = HandoffStage.Aborted },
        },
        TransferSent e when s is { Status: AuthorityStatus.HandoffInitiated, Handoff: { } h } => s with
        {
            Status = AuthorityStatus.HandoffPending,
            Handoff = h with { Stage = HandoffStage.Sent, Checkpoint = e.Checkpoint, Deadline = e.Deadline },
        },
        HandoffConfirmed e when s is { Status: AuthorityStatus.HandoffPending, Handoff: { } h } && h.To == e.To => Owned(s, e.To, e.Epoch, e.Lease, e.Authority) with
        {
            Handoff = h with { Stage = HandoffStage.Confirmed },
            Tenures = s.Tenures.Add(new Tenure(e.To, e.Epoch, TenureStart.HandedOff, e.Checkpoint, e.At)),
        },
        LineageRecoveryRequired e when s.Status is AuthorityStatus.ActiveOwner or AuthorityStatus.HandoffInitiated or AuthorityStatus.HandoffPending => s with
        {
            Status = AuthorityStatus.RecoveryRequired,
            Recovery = new RecoveryCause(e.Reason, e.Detail, e.At),
        },
        LineageRecovered e when s.Status == AuthorityStatus.RecoveryRequired => Owned(s, e.Executor, e.Epoch, e.Lease, e.Authority) with
        {
            Tenures = s.Tenures.Add(new Tenure(e.Executor, e.Epoch, TenureStart.Recovered, e.Checkpoint, e.At)),
        },
        LineageRetired when s.Status is not (AuthorityStatus.Unassigned or AuthorityStatus.Retired) => s with { Status = AuthorityStatus.Retired },
        SideEffectAuthorized e when s.Status == AuthorityStatus.ActiveOwner && s.Owner == e.Executor => s with
        {
            Effects = s.Effects.Add(new AuthorizedEffect(e.Effect, e.Executor, e.Epoch, e.At)),
            AuthorityVersion = Math.Max(s.AuthorityVersion, e.Authority.Version),
        },
        AuthorityViolated e when s.Status != AuthorityStatus.Unassigned => s with
        {
            Violations = s.Violations.Add(new RecordedViolation(e.EvidenceId, e.Kind)),
        },
        _ => null,
    };

    private static LineageState Owned(LineageState s, Hashing.Digest owner, Epoch epoch, Lease lease, AuthorityReference authority) => s with
    {
        Status = AuthorityStatus.ActiveOwner,
        Owner = owner,
        Epoch = epoch,
        Lease = lease,
        AuthorityVersion = Math.Max(s.AuthorityVersion, authority.Version),
    };
}
