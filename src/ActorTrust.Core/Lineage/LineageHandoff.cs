using ActorTrust.Core.Entities;
using ActorTrust.Core.Identity;
using static ActorTrust.Core.Lineage.LineageRejectionCodes;
using static ActorTrust.Core.Lineage.LineageRules;

namespace ActorTrust.Core.Lineage;

/// <summary>
/// Decides the serialized handoff: ActiveOwner → HandoffInitiated (begin; abort returns) → HandoffPending (package
/// sent; no abort) → the target is ActiveOwner at the next major epoch (confirm). A re-delivered step is accepted
/// with no events; an unconfirmed transfer times out into RecoveryRequired (<see cref="LineageClocks"/>).
/// </summary>
internal static class LineageHandoff
{
    internal static Decision<LineageEvent> Begin(LineageState state, BeginHandoff command, SpiffeId agent, DateTimeOffset now)
    {
        if (state.Handoff is { Stage: not HandoffStage.Aborted } h && h.From == command.Executor && h.To == command.To && h.Epoch == command.Epoch)
        {
            return Decision<LineageEvent>.Accept();
        }

        var refusal = RequireStatus(state, AuthorityStatus.ActiveOwner, AuthorityNotActive)
            ?? RequireOwnerAt(state, command.Executor, command.Epoch)
            ?? RequireValidLease(state, now)
            ?? CheckRoster(state, command.Roster, agent, now);
        if (refusal is not null)
        {
            return Reject(refusal);
        }

        if (!command.Roster.Holds(command.Executor))
        {
            return OwnerLostRole(state, command.Roster, now);
        }

        return command.To == command.Executor ? Reject(HandoffTargetInvalid, "an owner cannot hand off to itself")
            : !command.Roster.Holds(command.To) ? Reject(ExecutorNotInDomain, $"target {command.To} does not hold executor in domain '{command.Roster.DomainId}' version {command.Roster.Version}")
            : Decision<LineageEvent>.Accept(new HandoffStarted(command.Executor, command.To, command.Epoch, state.HeadDigest, command.Roster.Reference, now));
    }

    internal static Decision<LineageEvent> Abort(LineageState state, AbortHandoff command, DateTimeOffset now)
    {
        if (state is { Status: AuthorityStatus.ActiveOwner, Handoff: { Stage: HandoffStage.Aborted } h } && h.From == command.Executor && h.Epoch == command.Epoch)
        {
            return Decision<LineageEvent>.Accept();
        }

        var refusal = state.Status == AuthorityStatus.HandoffPending
            ? new Rejection(TransferAlreadySent, "the package was sent; the handoff can only be confirmed or time out into recovery")
            : RequireStatus(state, AuthorityStatus.HandoffInitiated, NoHandoffInProgress) ?? RequireOwnerAt(state, command.Executor, command.Epoch);
        return refusal is not null ? Reject(refusal) : Decision<LineageEvent>.Accept(new HandoffAborted(command.Executor, state.Handoff!.To, command.Epoch, now));
    }

    internal static Decision<LineageEvent> Sent(LineageState state, ReportTransferSent command, DateTimeOffset now)
    {
        if (state.Handoff is { Stage: HandoffStage.Sent or HandoffStage.Confirmed } h
            && h.From == command.Executor && h.Epoch == command.Epoch && h.Checkpoint == command.Checkpoint)
        {
            return Decision<LineageEvent>.Accept();
        }

        var refusal = RequireStatus(state, AuthorityStatus.HandoffInitiated, NoHandoffInProgress)
            ?? RequireOwnerAt(state, command.Executor, command.Epoch)
            ?? RequireValidLease(state, now);
        if (refusal is not null)
        {
            return Reject(refusal);
        }

        if (command.Checkpoint != state.HeadDigest)
        {
            return Reject(HandoffCheckpointMismatch, $"the package must resume from the head {state.HeadDigest}, not {command.Checkpoint}");
        }

        var deadline = (command.Settings ?? LineageSettings.Default).HandoffDeadlineFrom(now);
        return Decision<LineageEvent>.Accept(new TransferSent(command.Executor, state.Handoff!.To, command.Epoch, command.Checkpoint, deadline, now));
    }

    internal static Decision<LineageEvent> Confirm(LineageState state, ConfirmHandoff command, SpiffeId agent, DateTimeOffset now)
    {
        if (state is { Status: AuthorityStatus.ActiveOwner, Handoff: { Stage: HandoffStage.Confirmed } h } && h.To == command.To
            && state.Owner == command.To && h.Checkpoint == command.Checkpoint && state.Tenures[^1].Start == TenureStart.HandedOff)
        {
            return Decision<LineageEvent>.Accept();
        }

        var refusal = RequireStatus(state, AuthorityStatus.HandoffPending, NoHandoffInProgress)
            ?? (command.To != state.Handoff!.To ? new Rejection(HandoffTargetMismatch, $"{command.To} is not the handoff's target {state.Handoff.To}") : null)
            ?? CheckRoster(state, command.Roster, agent, now);
        if (refusal is not null)
        {
            return Reject(refusal);
        }

        var handoff = state.Handoff!;
        if (command.Checkpoint != handoff.Checkpoint)
        {
            var detail = $"target {command.To} resumed from {command.Checkpoint}, but {handoff.Checkpoint} was sent";
            return Decision<LineageEvent>.RejectAndRecord(HandoffCheckpointMismatch, detail,
                new LineageRecoveryRequired(RecoveryReason.Divergence, detail, state.Epoch!, now, HandoffCheckpointMismatch));
        }

        if (!command.Roster.Holds(command.To))
        {
            return Reject(ExecutorNotInDomain, $"target {command.To} does not hold executor in domain '{command.Roster.DomainId}' version {command.Roster.Version}");
        }

        var settings = command.Settings ?? LineageSettings.Default;
        return Decision<LineageEvent>.Accept(new HandoffConfirmed(
            handoff.From, command.To, state.Epoch!, state.Epoch!.NextMajor(), command.Checkpoint, settings.LeaseFrom(now), command.Roster.Reference, now));
    }
}
