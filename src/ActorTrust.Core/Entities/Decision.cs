namespace ActorTrust.Core.Entities;

/// <summary>
/// What a decider made of a command: the events to append and, when the command is refused, the rejection.
/// A refusal may still carry events — security-relevant attempts (a refused session, a forged checkpoint)
/// are recorded so the audit log shows them.
/// </summary>
/// <typeparam name="TEvent">The entity kind's event base type.</typeparam>
public sealed record Decision<TEvent>
{
    private Decision(IReadOnlyList<TEvent> events, Rejection? rejection)
    {
        Events = events;
        Rejection = rejection;
    }

    /// <summary>Events to append, in order (possibly none).</summary>
    public IReadOnlyList<TEvent> Events { get; }

    /// <summary>The refusal, or null when the command was accepted.</summary>
    public Rejection? Rejection { get; }

    /// <summary>True when the command was accepted.</summary>
    public bool IsAccepted => Rejection is null;

    /// <summary>Accepts the command, appending <paramref name="events"/> (none for an idempotent no-op).</summary>
    public static Decision<TEvent> Accept(params IReadOnlyList<TEvent> events) => new(events, null);

    /// <summary>Refuses the command without recording anything.</summary>
    public static Decision<TEvent> Reject(string code, string message) => new([], new Rejection(code, message));

    /// <summary>Refuses the command and records <paramref name="recorded"/> so the attempt is audited.</summary>
    public static Decision<TEvent> RejectAndRecord(string code, string message, params IReadOnlyList<TEvent> recorded) =>
        new(recorded, new Rejection(code, message));
}
