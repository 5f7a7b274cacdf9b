using ActorTrust.Core.Entities;

namespace ActorTrust.Core.Agents;

/// <summary>
/// The <c>agent</c> entity (id = the agent's SPIFFE ID): its signed Agent Manifest, rotation and revocation
/// by a separate authority. Pure: the issuer domain's authority and the time come in the command and context.
/// </summary>
/// <remarks>
/// Refusals are returned, not recorded: an unauthenticated submitter could otherwise grow the journal.
/// Re-submitting the current manifest (or the accepted revocation) is accepted with no events.
/// </remarks>
public sealed class AgentDecider : IDecider<AgentState, AgentCommand, AgentEvent>
{
    /// <summary>The shared instance; the decider holds no state.</summary>
    public static AgentDecider Instance { get; } = new();

    /// <inheritdoc />
    public AgentState Initial => AgentState.Empty;

    /// <inheritdoc />
    public Decision<AgentEvent> Decide(AgentState state, AgentCommand command, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        return command switch
        {
            RegisterAgent register => AgentManifestDecisions.Register(state, register, context),
            RotateAgent rotate => AgentManifestDecisions.Rotate(state, rotate, context),
            RevokeAgent revoke => AgentRevocationDecision.Decide(state, revoke, context),
            _ => throw new ArgumentException($"unknown agent command {command.GetType().Name}", nameof(command)),
        };
    }

    /// <inheritdoc />
    public AgentState Evolve(AgentState state, AgentEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        return @event switch
        {
            AgentRegistered registered when state.Status == AgentStatus.Unregistered => new AgentState(
                registered.AgentId,
                AgentStatus.Active,
                new AgentManifestEntry(registered.Manifest, registered.ManifestDigest, registered.Authority, registered.AcceptedAt),
                [registered.Manifest.ManifestId],
                null),
            AgentRotated rotated when state.Status == AgentStatus.Active => state with
            {
                Current = new AgentManifestEntry(rotated.Manifest, rotated.ManifestDigest, rotated.Authority, rotated.AcceptedAt),
                ManifestIds = [.. state.ManifestIds, rotated.Manifest.ManifestId],
            },
            AgentRevoked revoked when state.Status == AgentStatus.Active => state with
            {
                Status = AgentStatus.Revoked,
                Revocation = new AgentRevocationEntry(revoked.Revocation, revoked.RevocationDigest, revoked.RevokerKeyId, revoked.AcceptedAt),
            },
            _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot apply to an agent that is {state.Status}"),
        };
    }
}
