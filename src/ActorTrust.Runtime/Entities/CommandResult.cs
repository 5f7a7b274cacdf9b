using ActorTrust.Core.Entities;

namespace ActorTrust.Runtime.Entities;

/// <summary>How the runtime disposed of a command.</summary>
public enum CommandStatus
{
    /// <summary>Accepted; its events (if any) are durable.</summary>
    Accepted,

    /// <summary>Refused by the decider; see <see cref="CommandResult{TState}.Rejection"/>. Recorded events (if any) are durable.</summary>
    Rejected,

    /// <summary>The entity's mailbox was full; nothing happened. Retry later with the same command id.</summary>
    Overloaded,
}

/// <summary>The outcome of one command, sent only after its events are durable.</summary>
/// <typeparam name="TState">The entity's state type.</typeparam>
/// <param name="Status">Accepted, rejected or overloaded.</param>
/// <param name="Rejection">The refusal when <see cref="CommandStatus.Rejected"/>.</param>
/// <param name="Version">The entity's last sequence number after the command.</param>
/// <param name="EventTypes">Wire names of the events this command appended (empty for a duplicate).</param>
/// <param name="State">The entity's state after the command (null when overloaded).</param>
/// <param name="Duplicate">True when the command id had already been processed: nothing new was written.</param>
public sealed record CommandResult<TState>(
    CommandStatus Status,
    Rejection? Rejection,
    long Version,
    IReadOnlyList<string> EventTypes,
    TState? State,
    bool Duplicate = false)
    where TState : class
{
    /// <summary>True when accepted.</summary>
    public bool IsAccepted => Status == CommandStatus.Accepted;

    internal static CommandResult<TState> Overloaded() => new(CommandStatus.Overloaded, null, 0, [], null);
}
