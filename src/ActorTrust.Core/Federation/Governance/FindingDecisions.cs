using ActorTrust.Core.Entities;
using ActorTrust.Core.Federation.Peers;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;

namespace ActorTrust.Core.Federation.Governance;

/// <summary>Decides <see cref="RaiseFinding"/> (always raised, then the auto-suspension rule) and <see cref="ResolveFinding"/>.</summary>
internal static class FindingDecisions
{
    internal static Decision<PeerEvent> Raise(PeerState state, RaiseFinding c, DecisionContext context)
    {
        var problem = !Enum.IsDefined(c.Kind) ? $"kind {c.Kind} is not defined"
            : c.Policy is null ? "policy is missing"
            : c.Policy.Validate() is { } badPolicy ? $"policy: {badPolicy}"
            : FederationText.Reason(c.Message, "message");
        return PeerGuards.Shape(problem)
            ?? Decision<PeerEvent>.Accept(new FindingBatch(state, c.Actor, context.Now).Raise(c.Kind, c.Message).WithAutoSuspension(c.Policy!, state.Status));
    }

    internal static Decision<PeerEvent> Resolve(PeerState state, ResolveFinding c, DecisionContext context)
    {
        if (PeerGuards.Shape(FederationText.Reason(c.Reason)) is { } invalid)
        {
            return invalid;
        }

        var finding = state.Findings.FirstOrDefault(f => f.Raised.Number == c.Number);
        return finding is null ? PeerRefusal.Plain(FindingNotFound, $"peer '{context.EntityId}' has no finding {c.Number}")
            : finding.IsOpen ? Decision<PeerEvent>.Accept(new FindingCleared(c.Number, c.Reason, c.Actor, context.Now))
            : Decision<PeerEvent>.Accept();
    }
}
