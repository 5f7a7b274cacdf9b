using ActorTrust.Core.Entities;

namespace ActorTrust.Core.Federation.Peers;

/// <summary>
/// Decides <see cref="RevokePeer"/>: from any status but revoked (the guards refuse that), in one event — every grant
/// not yet revoked is revoked, the in-flight migrations are listed with their grace deadline, and the
/// <c>platform.peer.revoked</c> notification is carried for the feed. Completed migrations are untouched.
/// </summary>
internal static class Revocation
{
    internal static Decision<PeerEvent> Decide(PeerState state, RevokePeer c, DecisionContext context)
    {
        if (PeerGuards.Shape(FederationText.Reason(c.Reason)) is { } invalid)
        {
            return invalid;
        }

        var grants = state.Grants.Where(g => g.RevokedAt is null).Select(g => g.Issued.GrantId).ToList();
        var inFlight = state.Migrations.Where(m => m.IsInFlight).Select(m => m.Id).ToList();
        var notification = new PeerRevokedNotification(PeerRevokedNotification.TypeName, context.EntityId, c.Reason, context.Now);
        return Decision<PeerEvent>.Accept(new PeerRevoked(grants, inFlight, context.Now + PeerLifecycle.MigrationGrace, notification, c.Reason, c.Actor, context.Now));
    }
}
