using ActorTrust.Core.Entities;
using static ActorTrust.Core.Sessions.SessionRejectionCodes;

namespace ActorTrust.Core.Sessions;

/// <summary>
/// The <c>session</c> entity (id = the session's SPIFFE ID): admission (claims, manifest binding, runtime
/// allow-list), the tool-call transcript, and the signed Trust Record at close. Pure: the agent's and issuer
/// domain's state, the node's configuration and journal head, and the time come in the command and context.
/// </summary>
/// <remarks>
/// Admission refusals are recorded (<c>session.refused.v1</c>); malformed commands and lifecycle errors are
/// returned without events. Closing a closed session again is accepted with no events.
/// </remarks>
public sealed class SessionDecider : IDecider<SessionState, SessionCommand, SessionEvent>
{
    /// <summary>The shared instance; the decider holds no state.</summary>
    public static SessionDecider Instance { get; } = new();

    /// <inheritdoc />
    public SessionState Initial => SessionState.Empty;

    /// <summary>The refusal a recorded <c>session.refused.v1</c> stands for, so a retried command gets it back (for the entity kind's registration).</summary>
    public static Rejection? RecordedRejection(SessionEvent @event) =>
        @event is SessionRefused refused ? new Rejection(refused.Code, refused.Reason) : null;

    /// <inheritdoc />
    public Decision<SessionEvent> Decide(SessionState state, SessionCommand command, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        return command switch
        {
            OpenSession open => SessionAdmission.Decide(state, open, context),
            RecordToolCall call => RecordCall(state, call, context),
            CloseSession close => SessionClosing.Decide(state, close, context),
            CloseSessionHere => Decision<SessionEvent>.Reject(CloseNotResolved,
                $"session '{context.EntityId}': a close must be resolved by the node serving the session (its id, head, record chain and key)"),
            _ => throw new ArgumentException($"unknown session command {command.GetType().Name}", nameof(command)),
        };
    }

    /// <inheritdoc />
    public SessionState Evolve(SessionState state, SessionEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        return @event switch
        {
            SessionAdmitted admitted when state.Status == SessionStatus.Unopened => state with { Status = SessionStatus.Open, Admission = admitted.Facts },
            SessionRefused refused when state.Status == SessionStatus.Unopened => state with
            {
                Status = SessionStatus.Refused,
                Admission = refused.Facts,
                Refusal = new Rejection(refused.Code, refused.Reason),
            },
            ToolCalled called when state.Status == SessionStatus.Open && called.CallNumber == state.CallCount + 1 => state with
            {
                TranscriptHash = called.TranscriptHash,
                CallCount = called.CallNumber,
            },
            SessionClosed closed when state.Status == SessionStatus.Open => state with { Status = SessionStatus.Closed, Closure = closed },
            _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot apply to a session that is {state.Status}"),
        };
    }

    private static Decision<SessionEvent> RecordCall(SessionState state, RecordToolCall command, DecisionContext context)
    {
        if (state.Status != SessionStatus.Open)
        {
            return Decision<SessionEvent>.Reject(SessionNotOpen, $"session '{context.EntityId}' is {state.Status}; tool calls are recorded only while open");
        }

        if (command.Call is not { } call)
        {
            return Decision<SessionEvent>.Reject(CommandInvalid, "call is missing");
        }

        if (call.Validate() is { } invalid)
        {
            return Decision<SessionEvent>.Reject(CommandInvalid, invalid);
        }

        return Decision<SessionEvent>.Accept(new ToolCalled(call, state.CallCount + 1, ToolTranscript.Next(state.TranscriptHash, call), context.Now));
    }
}
