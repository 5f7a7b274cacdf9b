namespace ActorTrust.Runtime.Entities;

/// <summary>A message in an entity's mailbox.</summary>
internal abstract class EntityMessage
{
    public abstract void Fail(Exception exception);
}

internal sealed class CommandMessage<TState, TCommand>(string commandId, TCommand command) : EntityMessage
    where TState : class
{
    public string CommandId { get; } = commandId;

    public TCommand Command { get; } = command;

    public TaskCompletionSource<CommandResult<TState>> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception exception) => Reply.TrySetException(exception);
}

/// <summary>Where an entity's stream ends: its last sequence number and that event's chain hash.</summary>
/// <param name="SeqNr">The last sequence number (0 for an entity with no events).</param>
/// <param name="LastHash">The chain hash of that event (the genesis hash for an empty stream).</param>
public sealed record EntityHead(long SeqNr, ActorTrust.Core.Hashing.Digest LastHash);

internal sealed class QueryMessage<TState>(Func<TState, long, object?> query, bool wantsHead = false) : EntityMessage
{
    public Func<TState, long, object?> Query { get; } = query;

    /// <summary>Answer with the stream head instead of running <see cref="Query"/>.</summary>
    public bool WantsHead { get; } = wantsHead;

    public TaskCompletionSource<object?> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception exception) => Reply.TrySetException(exception);
}

/// <summary>The entity stopped (a failed or fenced append, or a journal integrity violation) before answering.</summary>
public sealed class EntityStoppedException(string persistenceId, string reason, Exception? inner = null)
    : Exception($"entity {persistenceId} stopped: {reason}", inner)
{
    /// <summary>The stopped entity.</summary>
    public string PersistenceId { get; } = persistenceId;
}
