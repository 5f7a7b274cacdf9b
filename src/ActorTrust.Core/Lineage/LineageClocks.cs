namespace ActorTrust.Core.Lineage;

/// <summary>
/// The lineage's clocks, applied against the decision time before every command: an owner's lease past its grace
/// (ActiveOwner, HandoffInitiated) or a sent transfer past its deadline (HandoffPending) means the lineage requires
/// recovery — safety over liveness, and an unconfirmed transfer is never retried elsewhere.
/// </summary>
internal static class LineageClocks
{
    /// <summary>The transition the clocks force at <paramref name="now"/>, or null when none is due.</summary>
    internal static LineageRecoveryRequired? Expired(LineageState state, DateTimeOffset now) => state switch
    {
        { Status: AuthorityStatus.ActiveOwner or AuthorityStatus.HandoffInitiated, Lease: { } lease, Epoch: { } epoch } when lease.IsPastGraceAt(now) =>
            new(RecoveryReason.LeaseExpired, $"the lease of {state.Owner} at epoch {epoch} expired at {lease.ExpiresAt:O} and its grace ended at {lease.GraceUntil:O}", epoch, now),
        { Status: AuthorityStatus.HandoffPending, Handoff: { Deadline: { } deadline } handoff, Epoch: { } epoch } when now >= deadline =>
            new(RecoveryReason.HandoffAmbiguous, $"the transfer to {handoff.To} was sent but not confirmed by {deadline:O}; it is not retried elsewhere", epoch, now),
        _ => null,
    };

    /// <summary>
    /// The earliest instant at which <see cref="Expired"/> forces a transition (so <see cref="LineageState.StatusAt"/>
    /// differs from <see cref="LineageState.Status"/>), or null when no clock runs: the owner's grace end (ActiveOwner,
    /// HandoffInitiated) or the sent transfer's deadline (HandoffPending). Before it nothing is due; at and after it,
    /// recovery is.
    /// </summary>
    internal static DateTimeOffset? NextDeadline(LineageState state) => state switch
    {
        { Status: AuthorityStatus.ActiveOwner or AuthorityStatus.HandoffInitiated, Lease: { } lease, Epoch: not null } => lease.GraceUntil,
        { Status: AuthorityStatus.HandoffPending, Handoff.Deadline: { } deadline, Epoch: not null } => deadline,
        _ => null,
    };
}
