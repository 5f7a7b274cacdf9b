namespace ActorTrust.Core.Lineage;

/// <summary>Where a lineage's authority is (Igor's authority state machine, plus Unassigned). Written as snake_case strings.</summary>
public enum AuthorityStatus
{
    /// <summary>No executor has ever been granted authority.</summary>
    Unassigned = 0,

    /// <summary>One executor owns the lineage at the current epoch; it alone may commit, renew, hand off and act.</summary>
    ActiveOwner = 1,

    /// <summary>The owner is preparing to hand off; nothing was sent, so it may still abort. No commits.</summary>
    HandoffInitiated = 2,

    /// <summary>The package was sent; only the target's confirmation (before the timeout) moves on. Nobody may commit.</summary>
    HandoffPending = 3,

    /// <summary>The lineage was ended by an operator; final.</summary>
    Retired = 4,

    /// <summary>Fail-stop after ambiguity (lease past grace, unconfirmed transfer, divergence, owner lost its role); only an operator's recovery resumes.</summary>
    RecoveryRequired = 5,
}

/// <summary>Why a lineage entered RecoveryRequired. Written as snake_case strings.</summary>
public enum RecoveryReason
{
    /// <summary>The owner's lease ran past its grace without renewal.</summary>
    LeaseExpired = 1,

    /// <summary>A transfer was sent but not confirmed before the handoff timeout (or was confirmed too late).</summary>
    HandoffAmbiguous = 2,

    /// <summary>The owner presented a checkpoint that does not extend the head (same parent or tick as another, or an unknown parent), or a target resumed from another checkpoint than the one sent.</summary>
    Divergence = 3,

    /// <summary>The owner no longer holds <c>executor</c> in the agent's domain.</summary>
    OwnerNotExecutor = 4,
}

/// <summary>How an executor's tenure (one major epoch) began. Written as snake_case strings.</summary>
public enum TenureStart
{
    /// <summary>By the first grant.</summary>
    Granted = 1,

    /// <summary>By a confirmed handoff.</summary>
    HandedOff = 2,

    /// <summary>By an operator's recovery.</summary>
    Recovered = 3,
}

/// <summary>How far a handoff got. Written as snake_case strings.</summary>
public enum HandoffStage
{
    /// <summary>Begun; nothing sent.</summary>
    Initiated = 1,

    /// <summary>Package sent; awaiting confirmation before the deadline.</summary>
    Sent = 2,

    /// <summary>Abandoned before sending.</summary>
    Aborted = 3,

    /// <summary>Confirmed by the target, which now owns the lineage.</summary>
    Confirmed = 4,
}
