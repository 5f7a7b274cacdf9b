using ActorTrust.Core.Entities;
using ActorTrust.Core.Federation.Governance;
using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Migrations;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;

namespace ActorTrust.Core.Federation.Peers;

/// <summary>
/// The checks every peer command passes first, in order: a well-formed actor of a kind allowed to send it (operators
/// holding <c>federator</c>), an existing peer (only a proposal creates one), not revoked (except migration steps during
/// the grace period), and for the peer's own commands authentication by the key it was proposed with.
/// </summary>
internal static class PeerGuards
{
    internal static Decision<PeerEvent>? Admit(PeerState state, PeerCommand command, DecisionContext context)
    {
        if (command.Actor is not { } actor)
        {
            return PeerRefusal.Plain(CommandInvalid, "actor is missing");
        }

        if (actor.Validate() is { } invalid)
        {
            return PeerRefusal.Plain(CommandInvalid, invalid);
        }

        var allowed = AllowedActors(command);
        if (!allowed.Contains(actor.Kind) || (actor.Kind == ActorKind.Operator && !actor.IsFederator))
        {
            return PeerRefusal.Plain(ActorNotAuthorized, actor.Kind == ActorKind.Operator && allowed.Contains(ActorKind.Operator)
                ? $"{actor} does not hold federator in our domain"
                : $"{PeerRefusal.NameOf(command)} may be sent by {string.Join(" or ", allowed.Select(k => k.ToString().ToLowerInvariant()))}, not {actor}");
        }

        if (state.Status == PeerStatus.None)
        {
            return command is ProposePeer ? null : PeerRefusal.Plain(PeerNotFound, $"peer '{context.EntityId}' was never proposed");
        }

        if (state.Status == PeerStatus.Revoked && !MayActAfterRevocation(command))
        {
            return PeerRefusal.Plain(PeerAlreadyRevoked, $"peer '{context.EntityId}' is revoked");
        }

        return actor.Kind == ActorKind.Peer && !IsThePeer(state, actor)
            ? PeerRefusal.Recorded(command, PeerKeyMismatch, $"the request is authenticated as {actor.Id} with key {actor.KeyId}, not by peer '{state.PeerId}''s key {state.Identity?.KeyId}", context)
            : null;
    }

    /// <summary>Refuses unless the peer is enrolled, active or degraded.</summary>
    internal static Decision<PeerEvent>? Federating(PeerState state, DecisionContext context) =>
        PeerTransitions.IsFederating(state.Status) ? null
        : PeerRefusal.Plain(PeerNotFederating, $"peer '{context.EntityId}' is {state.Status}; this needs an enrolled, active or degraded peer");

    /// <summary>Refuses a malformed command with <see cref="PeerRejectionCodes.CommandInvalid"/>.</summary>
    internal static Decision<PeerEvent>? Shape(string? problem) => problem is null ? null : PeerRefusal.Plain(CommandInvalid, problem);

    private static bool IsThePeer(PeerState state, FederationActor actor) =>
        string.Equals(actor.Id, state.PeerId, StringComparison.Ordinal) && state.Identity is { } identity && actor.KeyId is { } key && key.FixedTimeEquals(identity.KeyId);

    private static bool MayActAfterRevocation(PeerCommand command) => command is StartMigrationValidation or CompleteMigrationValidation
        or CompleteMigrationTransfer or ApplyMigration or FailMigration or CancelMigration or EndMigrationGrace;

    private static ActorKind[] AllowedActors(PeerCommand command) => command switch
    {
        ProposePeer or SuspendPeer or ReinstatePeer or IssueGrant or RevokeGrant or ResolveFinding => [ActorKind.Operator],
        AcceptPeer or EnrollPeer or Rehandshake or RecordHeartbeat or ExerciseGrant or PlanMigration => [ActorKind.Peer],
        RevokePeer or DiscloseCompromise => [ActorKind.Operator, ActorKind.Peer],
        CancelMigration => [ActorKind.Operator, ActorKind.Peer, ActorKind.System],
        RaiseFinding or StartMigrationValidation or FailMigration => [ActorKind.Operator, ActorKind.System],
        CheckLiveness or EndMigrationGrace or CompleteMigrationValidation or CompleteMigrationTransfer or ApplyMigration => [ActorKind.System],
        _ => throw new ArgumentException($"unknown peer command {command.GetType().Name}", nameof(command)),
    };
}
