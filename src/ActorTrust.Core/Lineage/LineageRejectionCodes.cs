namespace ActorTrust.Core.Lineage;

/// <summary>
/// The stable reason codes with which the <c>lineage</c> decider refuses a command. Authority violations are
/// recorded with their evidence under the <see cref="ViolationKind"/> codes at the end; a command refused because
/// the clocks put the lineage in RecoveryRequired records that transition; everything else records nothing.
/// </summary>
public static class LineageRejectionCodes
{
    /// <summary>The entity id is not a SPIFFE ID.</summary>
    public const string AgentIdInvalid = nameof(AgentIdInvalid);

    /// <summary>The command is malformed (missing or out-of-range fields, bad settings, empty operator).</summary>
    public const string CommandInvalid = nameof(CommandInvalid);

    /// <summary>The roster is malformed or for another domain than the agent's.</summary>
    public const string RosterInvalid = nameof(RosterInvalid);

    /// <summary>The roster's authority manifest version has expired.</summary>
    public const string RosterExpired = nameof(RosterExpired);

    /// <summary>The roster is older than an authority version the lineage already used.</summary>
    public const string RosterStale = nameof(RosterStale);

    /// <summary>The executor named (grantee, target or recovery executor) does not hold <c>executor</c> in the roster.</summary>
    public const string ExecutorNotInDomain = nameof(ExecutorNotInDomain);

    /// <summary>Grant sent to a lineage that already has (or had) an owner.</summary>
    public const string AlreadyAssigned = nameof(AlreadyAssigned);

    /// <summary>The lineage has no owner yet.</summary>
    public const string NotAssigned = nameof(NotAssigned);

    /// <summary>The lineage is retired; nothing advances it.</summary>
    public const string Retired = nameof(Retired);

    /// <summary>The lineage requires an operator's recovery.</summary>
    public const string RecoveryRequired = nameof(RecoveryRequired);

    /// <summary>The authority state does not allow the command (e.g. committing during a handoff).</summary>
    public const string AuthorityNotActive = nameof(AuthorityNotActive);

    /// <summary>A renew or handoff request from an executor that is not the owner.</summary>
    public const string NotOwner = nameof(NotOwner);

    /// <summary>The owner's request carries an epoch other than its current one (a superseded generation, or a later one).</summary>
    public const string EpochMismatch = nameof(EpochMismatch);

    /// <summary>The owner's lease has expired (within grace it may only renew): anti-clone.</summary>
    public const string LeaseExpired = nameof(LeaseExpired);

    /// <summary>The checkpoint envelope or payload is unreadable or out of range.</summary>
    public const string CheckpointMalformed = nameof(CheckpointMalformed);

    /// <summary>The envelope's payload type is not a checkpoint.</summary>
    public const string PayloadTypeUnsupported = nameof(PayloadTypeUnsupported);

    /// <summary>No signature verifies under any executor of the roster (not recorded: the sender is not authenticated).</summary>
    public const string CheckpointSignatureInvalid = nameof(CheckpointSignatureInvalid);

    /// <summary>The handoff target is the owner itself.</summary>
    public const string HandoffTargetInvalid = nameof(HandoffTargetInvalid);

    /// <summary>No handoff is in the stage the command needs (abort and send need one begun, confirm one sent).</summary>
    public const string NoHandoffInProgress = nameof(NoHandoffInProgress);

    /// <summary>Abort after the package was sent: too late, the handoff can only be confirmed or time out.</summary>
    public const string TransferAlreadySent = nameof(TransferAlreadySent);

    /// <summary>The confirming executor is not the handoff's target.</summary>
    public const string HandoffTargetMismatch = nameof(HandoffTargetMismatch);

    /// <summary>The checkpoint reported sent is not the head.</summary>
    public const string HandoffCheckpointMismatch = nameof(HandoffCheckpointMismatch);

    /// <summary>Recover sent to a lineage that does not require recovery.</summary>
    public const string RecoveryNotRequired = nameof(RecoveryNotRequired);

    /// <summary>The side effect was already authorised to another executor or tenure.</summary>
    public const string EffectAlreadyAuthorized = nameof(EffectAlreadyAuthorized);

    /// <summary>Recorded (RecoveryRequired): the owner no longer holds <c>executor</c> in the agent's domain.</summary>
    public const string OwnerNotExecutor = nameof(OwnerNotExecutor);

    /// <summary>Recorded violation: see <see cref="ViolationKind.SupersededEpoch"/>.</summary>
    public const string SupersededEpoch = nameof(SupersededEpoch);

    /// <summary>Recorded violation: see <see cref="ViolationKind.WrongExecutor"/>.</summary>
    public const string WrongExecutor = nameof(WrongExecutor);

    /// <summary>Recorded violation: see <see cref="ViolationKind.UngrantedEpoch"/>.</summary>
    public const string UngrantedEpoch = nameof(UngrantedEpoch);

    /// <summary>Recorded violation and RecoveryRequired: see <see cref="ViolationKind.Divergence"/>.</summary>
    public const string Divergence = nameof(Divergence);

    /// <summary>Recorded violation: see <see cref="ViolationKind.ForeignAgent"/>.</summary>
    public const string ForeignAgent = nameof(ForeignAgent);

    /// <summary>Recorded violation: see <see cref="ViolationKind.BudgetIncreased"/>.</summary>
    public const string BudgetIncreased = nameof(BudgetIncreased);

    /// <summary>Recorded violation: see <see cref="ViolationKind.ExecutorKeyMismatch"/>.</summary>
    public const string ExecutorKeyMismatch = nameof(ExecutorKeyMismatch);
}
