using ActorTrust.Core.Entities;
using ActorTrust.Core.Identity;
using static ActorTrust.Core.Lineage.LineageRejectionCodes;

namespace ActorTrust.Core.Lineage;

/// <summary>
/// The <c>lineage</c> entity (id = the agent's SPIFFE ID): which executor may advance the agent's checkpoint
/// lineage, under which epoch and lease, the signed hash-chained checkpoints, serialized handoff, side-effect
/// gating and fail-stop RecoveryRequired (source 004). Pure: the domain's executors, the node's settings and the
/// time come in the command and context. The entity's single writer makes these decisions serial cluster-wide.
/// </summary>
/// <remarks>
/// <para>
/// Before every command the clocks are applied (<see cref="LineageState.StatusAt"/>): a lease past its grace or a
/// sent transfer past its deadline is recorded as <c>lineage.recovery-required.v1</c>, then the command is decided
/// on the resulting state.
/// </para>
/// <para>
/// Refusals record nothing, except authority violations (<c>lineage.authority-violation.v1</c>, see
/// <see cref="ViolationKind"/>) and fail-stops (divergence, an owner that lost its role, a mismatched handoff
/// confirmation). Re-delivered or reordered commands that were already applied are accepted with no events.
/// <see cref="Evolve"/> throws on an event that cannot follow the state.
/// </para>
/// </remarks>
public sealed class LineageDecider : IDecider<LineageState, LineageCommand, LineageEvent>
{
    /// <summary>The shared instance; the decider holds no state.</summary>
    public static LineageDecider Instance { get; } = new();

    /// <inheritdoc />
    public LineageState Initial => LineageState.Empty;

    /// <summary>The refusal a recorded event stands for, so a retried command gets it back (for the entity kind's registration).</summary>
    public static Rejection? RecordedRejection(LineageEvent @event) => @event switch
    {
        AuthorityViolated violated => new Rejection(violated.Kind.ToString(), violated.Detail),
        LineageRecoveryRequired { RefusedCode: { } code } recovery => new Rejection(code, recovery.Detail),
        _ => null,
    };

    /// <inheritdoc />
    public Decision<LineageEvent> Decide(LineageState state, LineageCommand command, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (!SpiffeId.TryParse(context.EntityId, out var agent, out var idError))
        {
            return Decision<LineageEvent>.Reject(AgentIdInvalid, $"lineage id '{context.EntityId}': {idError}");
        }

        if (LineageCommandChecks.Validate(command) is { } invalid)
        {
            return Decision<LineageEvent>.Reject(CommandInvalid, invalid);
        }

        var now = context.Now;
        var expired = LineageClocks.Expired(state, now);
        var current = expired is null ? state : Evolve(state, expired);
        var decision = command switch
        {
            GrantAuthority grant => LineageAuthority.Grant(current, grant, agent, now),
            RenewLease renew => LineageAuthority.Renew(current, renew, agent, now),
            CommitCheckpoint commit => CheckpointCommitDecision.Decide(current, commit, agent, now),
            BeginHandoff begin => LineageHandoff.Begin(current, begin, agent, now),
            AbortHandoff abort => LineageHandoff.Abort(current, abort, now),
            ReportTransferSent sent => LineageHandoff.Sent(current, sent, now),
            ConfirmHandoff confirm => LineageHandoff.Confirm(current, confirm, agent, now),
            Recover recover => LineageAuthority.Recover(current, recover, agent, now),
            Retire retire => LineageAuthority.Retire(current, retire, now),
            AuthorizeSideEffect effect => SideEffectDecision.Decide(current, effect, agent, now),
            CheckDeadlines => Decision<LineageEvent>.Accept(),
            _ => throw new ArgumentException($"unknown lineage command {command.GetType().Name}", nameof(command)),
        };
        return expired is null ? decision : AfterClocks(expired, decision);
    }

    /// <inheritdoc />
    public LineageState Evolve(LineageState state, LineageEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        return LineageEvolution.Apply(state, @event)
            ?? throw new InvalidOperationException($"{@event.GetType().Name} cannot apply to a lineage that is {state.Status}");
    }

    // The clocks' transition comes first; when the command is then refused it carries the refusal code.
    private static Decision<LineageEvent> AfterClocks(LineageRecoveryRequired expired, Decision<LineageEvent> decision)
    {
        if (decision.Rejection is not { } rejection)
        {
            return Decision<LineageEvent>.Accept([expired, .. decision.Events]);
        }

        return Decision<LineageEvent>.RejectAndRecord(rejection.Code, rejection.Message, [expired with { RefusedCode = rejection.Code }, .. decision.Events]);
    }
}
