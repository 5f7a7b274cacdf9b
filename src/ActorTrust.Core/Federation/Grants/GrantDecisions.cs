using ActorTrust.Core.Entities;
using ActorTrust.Core.Federation.Peers;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;

namespace ActorTrust.Core.Federation.Grants;

/// <summary>Decides <see cref="IssueGrant"/>, <see cref="RevokeGrant"/> and <see cref="ExerciseGrant"/>.</summary>
internal static class GrantDecisions
{
    internal static Decision<PeerEvent> Issue(PeerState state, IssueGrant c, DecisionContext context)
    {
        if ((PeerGuards.Federating(state, context) ?? PeerGuards.Shape(Validate(c))) is { } refused)
        {
            return refused;
        }

        var request = c.Request;
        if (state.Grant(c.GrantId) is not null)
        {
            return PeerRefusal.Plain(GrantIdInUse, $"grant id {c.GrantId} is taken");
        }

        if (GrantRules.CheckTtl(request) is { } ttl)
        {
            return PeerRefusal.Plain(GrantTtlOutOfBounds, ttl);
        }

        var mass = GrantRules.IsMassScope(request);
        if (mass && !request.MassScopeApproved)
        {
            return PeerRefusal.Plain(MassScopeNeedsOperatorFlag, "admin on every kind is a mass-scope grant; it needs the explicit operator flag");
        }

        return Decision<PeerEvent>.Accept(new GrantIssued(
            c.GrantId, request.Scopes, request.ResourceKind, request.RemoteSubject, request.Restrictions ?? GrantRestrictions.None,
            BearerSecret.DigestOf(BearerSecret.GrantCredentialPurpose, c.Credential), mass, context.Now, context.Now + GrantRules.TtlOf(request), c.Actor));
    }

    internal static Decision<PeerEvent> Revoke(PeerState state, RevokeGrant c, DecisionContext context)
    {
        if (PeerGuards.Shape(FederationText.Reason(c.Reason)) is { } invalid)
        {
            return invalid;
        }

        return state.Grant(c.GrantId) switch
        {
            null => PeerRefusal.Plain(GrantNotFound, $"peer '{context.EntityId}' has no grant {c.GrantId}"),
            { RevokedAt: not null } => Decision<PeerEvent>.Accept(),
            var grant => Decision<PeerEvent>.Accept(new GrantRevoked(c.GrantId, grant.Issued.RemoteSubject, c.Reason, c.Actor, context.Now)),
        };
    }

    internal static Decision<PeerEvent> Exercise(PeerState state, ExerciseGrant c, DecisionContext context)
    {
        if ((PeerGuards.Federating(state, context) ?? PeerGuards.Shape(Validate(c.Use))) is { } refused)
        {
            return refused;
        }

        return GrantAuthorization.Check(state, c.GrantId, c.Credential, c.Use, context.Now, out var grant) is { } denied
            ? PeerRefusal.Recorded(c, denied.Code, denied.Message, context)
            : Decision<PeerEvent>.Accept(new GrantExercised(c.GrantId, grant!.Issued.RemoteSubject, c.Use, c.Actor, context.Now));
    }

    private static string? Validate(IssueGrant c) =>
        FederationText.Token(c.GrantId, "grant_id", 128)
        ?? BearerSecret.Validate(c.Credential, "credential")
        ?? (string.Equals(c.Credential, c.GrantId, StringComparison.Ordinal) ? "the credential must not be the grant id" : null)
        ?? GrantRules.Validate(c.Request);

    internal static string? Validate(GrantUse? use) =>
        use is null ? "use is missing"
        : !Enum.IsDefined(use.Scope) ? $"use.scope {use.Scope} is not defined"
        : FederationText.Token(use.ResourceKind, "use.resource_kind", 64)
        ?? FederationText.Reason(use.Action, "use.action")
        ?? Optional(use.InstanceId, "use.instance_id") ?? Optional(use.NetworkId, "use.network_id") ?? Optional(use.SourceAddress, "use.source_address");

    private static string? Optional(string? value, string field) => value is null ? null : FederationText.Check(value, field, 128);
}
