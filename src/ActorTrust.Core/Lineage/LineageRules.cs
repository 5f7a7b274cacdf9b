using ActorTrust.Core.Entities;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using static ActorTrust.Core.Lineage.LineageRejectionCodes;

namespace ActorTrust.Core.Lineage;

/// <summary>The checks several lineage commands share: roster, authority state, owner and epoch.</summary>
internal static class LineageRules
{
    internal static Decision<LineageEvent> Reject(string code, string message) => Decision<LineageEvent>.Reject(code, message);

    internal static Decision<LineageEvent> Reject(Rejection rejection) => Decision<LineageEvent>.Reject(rejection.Code, rejection.Message);

    /// <summary>The roster must be well-formed for the agent, unexpired, and no older than a version already used.</summary>
    internal static Rejection? CheckRoster(LineageState state, ExecutorRoster roster, SpiffeId agent, DateTimeOffset now) =>
        roster.Validate(agent) is { } invalid ? new(RosterInvalid, invalid)
        : roster.IsExpiredAt(now) ? new(RosterExpired, $"domain '{roster.DomainId}' version {roster.Version} expired at {roster.ExpiresAt:O}")
        : roster.Version < state.AuthorityVersion ? new(RosterStale, $"roster version {roster.Version} is older than version {state.AuthorityVersion}, already used")
        : null;

    /// <summary>The lineage must be in <paramref name="expected"/>; otherwise the refusal that names where it is.</summary>
    internal static Rejection? RequireStatus(LineageState state, AuthorityStatus expected, string otherwise) => state.Status switch
    {
        _ when state.Status == expected => null,
        AuthorityStatus.Unassigned => new(NotAssigned, "no executor holds authority over this lineage yet"),
        AuthorityStatus.Retired => new(LineageRejectionCodes.Retired, "the lineage is retired"),
        AuthorityStatus.RecoveryRequired => new(LineageRejectionCodes.RecoveryRequired, $"the lineage requires recovery ({state.Recovery?.Reason}): {state.Recovery?.Detail}"),
        _ => new(otherwise, $"authority is {state.Status}; {expected} is required"),
    };

    /// <summary>The sender must be the owner and hold the current epoch.</summary>
    internal static Rejection? RequireOwnerAt(LineageState state, Digest executor, Epoch epoch) =>
        executor != state.Owner ? new(NotOwner, $"executor {executor} is not the owner {state.Owner}")
        : epoch != state.Epoch ? new(EpochMismatch, $"epoch {epoch} is not the current epoch {state.Epoch}")
        : null;

    /// <summary>The owner's lease must be valid (not merely within grace).</summary>
    internal static Rejection? RequireValidLease(LineageState state, DateTimeOffset now) =>
        state.Lease is { } lease && lease.IsValidAt(now) ? null
        : new(LeaseExpired, $"the owner's lease expired at {state.Lease?.ExpiresAt:O}; within the grace it may only renew");

    /// <summary>The owner lost <c>executor</c> in the agent's domain: fail-stop into RecoveryRequired, recorded.</summary>
    internal static Decision<LineageEvent> OwnerLostRole(LineageState state, ExecutorRoster roster, DateTimeOffset now)
    {
        var detail = $"owner {state.Owner} does not hold executor in domain '{roster.DomainId}' version {roster.Version}";
        return Decision<LineageEvent>.RejectAndRecord(OwnerNotExecutor, detail,
            new LineageRecoveryRequired(RecoveryReason.OwnerNotExecutor, detail, state.Epoch!, now, OwnerNotExecutor));
    }

    /// <summary>The violation already recorded under <paramref name="evidenceId"/>, refused again without recording.</summary>
    internal static Decision<LineageEvent>? AlreadyRecorded(LineageState state, Digest evidenceId) =>
        state.Violations.Find(v => v.EvidenceId == evidenceId) is { } recorded
            ? Reject(recorded.Kind.ToString(), $"this {recorded.Kind} violation ({evidenceId}) is already recorded")
            : null;
}
