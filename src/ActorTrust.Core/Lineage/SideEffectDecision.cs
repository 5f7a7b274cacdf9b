using ActorTrust.Core.Entities;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Json;
using static ActorTrust.Core.Lineage.LineageRejectionCodes;
using static ActorTrust.Core.Lineage.LineageRules;

namespace ActorTrust.Core.Lineage;

/// <summary>
/// Decides <see cref="AuthorizeSideEffect"/>: only the ActiveOwner, at its current epoch, under a valid lease, may
/// perform a side effect, and each effect digest is authorised at most once per lineage (a later owner cannot
/// repeat it). A request from a superseded tenure, a non-owner or an ungranted epoch is an authority violation,
/// refused and recorded; the owner's own re-request is idempotent.
/// </summary>
internal static class SideEffectDecision
{
    internal static Decision<LineageEvent> Decide(LineageState state, AuthorizeSideEffect command, SpiffeId agent, DateTimeOffset now)
    {
        if (state.Status == AuthorityStatus.Unassigned)
        {
            return Reject(NotAssigned, "no executor holds authority over this lineage yet");
        }

        var epoch = state.Epoch!;
        if (state.Effects.Find(e => e.Effect == command.Effect) is { } granted)
        {
            return granted.Executor == command.Executor && state.Owner == command.Executor && granted.Epoch.Major == epoch.Major
                ? Decision<LineageEvent>.Accept()
                : Reject(EffectAlreadyAuthorized, $"effect {command.Effect} was authorised to {granted.Executor} at epoch {granted.Epoch}");
        }

        if (CheckRoster(state, command.Roster, agent, now) is { } badRoster)
        {
            return Reject(badRoster);
        }

        if (!command.Roster.Holds(command.Executor) && command.Executor != state.Owner)
        {
            return Reject(ExecutorNotInDomain, $"{command.Executor} does not hold executor in domain '{command.Roster.DomainId}' version {command.Roster.Version}");
        }

        var requestId = RequestId(command);
        if (AlreadyRecorded(state, requestId) is { } again)
        {
            return again;
        }

        (ViolationKind Kind, string Detail)? violation =
            command.Epoch.Major < epoch.Major ? (ViolationKind.SupersededEpoch, $"epoch {command.Epoch} was superseded by epoch {epoch}")
            : command.Executor != state.Owner ? (ViolationKind.WrongExecutor, $"executor {command.Executor} is not the owner {state.Owner}")
            : command.Epoch > epoch ? (ViolationKind.UngrantedEpoch, $"epoch {command.Epoch} was never granted; the current epoch is {epoch}")
            : null;
        if (violation is { } found)
        {
            return Decision<LineageEvent>.RejectAndRecord(found.Kind.ToString(), found.Detail, new AuthorityViolated(
                found.Kind, found.Detail, command.Executor, requestId, command.Epoch, epoch, command.Roster.Reference, now, Effect: command.Effect));
        }

        var refusal = (command.Epoch < epoch ? new Rejection(EpochMismatch, $"epoch {command.Epoch} was superseded by the owner's renewal to {epoch}") : null)
            ?? RequireStatus(state, AuthorityStatus.ActiveOwner, AuthorityNotActive)
            ?? RequireValidLease(state, now);
        return refusal is not null ? Reject(refusal)
            : !command.Roster.Holds(command.Executor) ? OwnerLostRole(state, command.Roster, now)
            : Decision<LineageEvent>.Accept(new SideEffectAuthorized(command.Executor, epoch, command.Effect, state.HeadDigest, command.Roster.Reference, now));
    }

    /// <summary>A side-effect request's evidence id: a domain-separated hash of who asked for what at which epoch.</summary>
    internal static Digest RequestId(AuthorizeSideEffect command) =>
        DomainHash.Compute("lineage-side-effect-request", ActorTrustJson.ToCanonicalBytes(new { executor = command.Executor, epoch = command.Epoch, effect = command.Effect }));
}
