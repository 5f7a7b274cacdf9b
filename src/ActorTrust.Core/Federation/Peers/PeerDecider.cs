using ActorTrust.Core.Entities;
using ActorTrust.Core.Federation.Governance;
using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Migrations;

namespace ActorTrust.Core.Federation.Peers;

/// <summary>
/// The <c>peer</c> entity (id = the peer id): the federation lifecycle under its explicit transition table, the
/// acceptance token and contract agreement, handshakes and heartbeats, governance findings and auto-suspension, grants
/// and inbound migrations. Pure: the contract registry's facts, the node's policy, secrets drawn by the node and the
/// decision time come in the command and context.
/// </summary>
/// <remarks>
/// Every command first passes <see cref="PeerGuards"/>. Security-relevant refusals are recorded as
/// <c>peer.command-refused.v1</c>; see <see cref="PeerRejectionCodes"/> for which. Nothing is ever written for a peer
/// that was never proposed, and a revoked peer accepts only its in-flight migrations' steps within the grace period.
/// </remarks>
public sealed class PeerDecider : IDecider<PeerState, PeerCommand, PeerEvent>
{
    /// <summary>The shared instance; the decider holds no state.</summary>
    public static PeerDecider Instance { get; } = new();

    /// <inheritdoc />
    public PeerState Initial => PeerState.Empty;

    /// <summary>The refusal a recorded <c>peer.command-refused.v1</c> stands for, so a retried command gets it back (for the entity kind's registration).</summary>
    public static Rejection? RecordedRejection(PeerEvent @event) =>
        @event is PeerCommandRefused refused ? new Rejection(refused.Code, refused.Reason) : null;

    /// <inheritdoc />
    public Decision<PeerEvent> Decide(PeerState state, PeerCommand command, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (FederationText.Token(context.EntityId, "peer id", PeerLifecycle.MaxPeerIdLength) is { } badId)
        {
            return PeerRefusal.Plain(PeerRejectionCodes.PeerIdInvalid, badId);
        }

        return PeerGuards.Admit(state, command, context) ?? command switch
        {
            ProposePeer c => Proposal.Decide(state, c, context),
            AcceptPeer c => Acceptance.Decide(state, c, context),
            EnrollPeer c => Handshakes.Enroll(state, c, context),
            Rehandshake c => Handshakes.Renew(state, c, context),
            RecordHeartbeat c => Heartbeats.Record(state, c, context),
            CheckLiveness c => Heartbeats.CheckLiveness(state, c, context),
            SuspendPeer c => Suspension.Suspend(state, c, context),
            ReinstatePeer c => Suspension.Reinstate(state, c, context),
            DiscloseCompromise c => Suspension.DiscloseCompromise(state, c, context),
            RevokePeer c => Revocation.Decide(state, c, context),
            RaiseFinding c => FindingDecisions.Raise(state, c, context),
            ResolveFinding c => FindingDecisions.Resolve(state, c, context),
            IssueGrant c => GrantDecisions.Issue(state, c, context),
            RevokeGrant c => GrantDecisions.Revoke(state, c, context),
            ExerciseGrant c => GrantDecisions.Exercise(state, c, context),
            PlanMigration c => MigrationPlanning.Decide(state, c, context),
            StartMigrationValidation c => MigrationSteps.Start(state, c, context),
            CompleteMigrationValidation c => MigrationSteps.CompleteValidation(state, c, context),
            CompleteMigrationTransfer c => MigrationSteps.CompleteTransfer(state, c, context),
            ApplyMigration c => MigrationSteps.Apply(state, c, context),
            FailMigration c => MigrationSteps.Fail(state, c, context),
            CancelMigration c => MigrationSteps.Cancel(state, c, context),
            EndMigrationGrace c => MigrationSteps.EndGrace(state, c, context),
            _ => throw new ArgumentException($"unknown peer command {command.GetType().Name}", nameof(command)),
        };
    }

    /// <inheritdoc />
    public PeerState Evolve(PeerState state, PeerEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        return PeerEvolution.Apply(state, @event);
    }
}
