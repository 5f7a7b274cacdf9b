namespace ActorTrust.Core.Lineage;

/// <summary>
/// An authority violation: a request authenticated as coming from a domain executor (a checkpoint whose signature
/// verifies, or a side-effect request on an authenticated connection) that the lineage's single-writer rule forbids.
/// Each is refused and recorded (<c>lineage.authority-violation.v1</c>) with its evidence, so Byzantine (A2) and
/// forger (A4) attempts show in the audit log. The rejection code is the kind's name. Written as snake_case strings.
/// </summary>
public enum ViolationKind
{
    /// <summary>Signed at a major epoch that has been superseded (a previous tenure still acting: a clone or a replay).</summary>
    SupersededEpoch = 1,

    /// <summary>Signed or sent by an executor that is not the owner.</summary>
    WrongExecutor = 2,

    /// <summary>The owner claims an epoch later than the one it was granted.</summary>
    UngrantedEpoch = 3,

    /// <summary>The owner's checkpoint does not extend the head: a fork. The lineage also enters RecoveryRequired.</summary>
    Divergence = 4,

    /// <summary>A checkpoint of another agent's lineage, replayed into this one.</summary>
    ForeignAgent = 5,

    /// <summary>A checkpoint that names another executor key than the one that signed it.</summary>
    ExecutorKeyMismatch = 6,

    /// <summary>
    /// The owner's checkpoint claims more remaining budget than its parent: budget is conserved across ticks, renewals,
    /// handoffs and recoveries and may only be spent, so an executor cannot mint it (A3). Refused; the lineage is unchanged.
    /// </summary>
    BudgetIncreased = 7,
}
