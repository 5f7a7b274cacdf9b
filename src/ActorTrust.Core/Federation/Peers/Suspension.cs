using ActorTrust.Core.Entities;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;

namespace ActorTrust.Core.Federation.Peers;

/// <summary>
/// Decides <see cref="SuspendPeer"/>, <see cref="ReinstatePeer"/> and <see cref="DiscloseCompromise"/>. A compromise
/// disclosure suspends at once wherever the table allows (commitment 9, closing Powernode's gap); on a proposed peer it
/// voids the acceptance token instead, on a suspended one it is recorded alone.
/// </summary>
internal static class Suspension
{
    internal static Decision<PeerEvent> Suspend(PeerState state, SuspendPeer c, DecisionContext context) =>
        PeerGuards.Shape(FederationText.Reason(c.Reason))
        ?? (PeerTransitions.CanSuspend(state.Status)
            ? Decision<PeerEvent>.Accept(new PeerSuspended(SuspensionCause.Operator, c.Reason, c.Actor, context.Now))
            : PeerRefusal.Plain(TransitionNotAllowed, $"peer '{context.EntityId}' is {state.Status} and cannot be suspended"));

    internal static Decision<PeerEvent> Reinstate(PeerState state, ReinstatePeer c, DecisionContext context) =>
        PeerGuards.Shape(FederationText.Reason(c.Reason))
        ?? (state.Status == PeerStatus.Suspended
            ? Decision<PeerEvent>.Accept(new PeerReinstated(c.Reason, c.Actor, context.Now))
            : PeerRefusal.Plain(TransitionNotAllowed, $"peer '{context.EntityId}' is {state.Status}; only a suspended peer is reinstated"));

    internal static Decision<PeerEvent> DiscloseCompromise(PeerState state, DiscloseCompromise c, DecisionContext context)
    {
        var d = c.Disclosure;
        var problem = d is null ? "disclosure is missing"
            : !Enum.IsDefined(d.Nature) ? $"disclosure.nature {d.Nature} is not defined"
            : d.DetectedAt > context.Now ? "disclosure.detected_at is in the future"
            : FederationText.Reason(d.Description, "disclosure.description");
        if (PeerGuards.Shape(problem) is { } invalid)
        {
            return invalid;
        }

        var withinDeadline = d!.DetectedAt is not { } detected || context.Now - detected <= PeerLifecycle.CompromiseDisclosureDeadline;
        var voided = state.Status == PeerStatus.Proposed && state.Token is not null;
        PeerEvent disclosed = new PeerCompromiseDisclosed(d, withinDeadline, voided, c.Actor, context.Now);
        return PeerTransitions.CanSuspend(state.Status)
            ? Decision<PeerEvent>.Accept(disclosed, new PeerSuspended(SuspensionCause.CompromiseDisclosed, $"compromise disclosed ({d.Nature}): pending operator review", c.Actor, context.Now))
            : Decision<PeerEvent>.Accept(disclosed);
    }
}
