using ActorTrust.Runtime.Journal;
using Microsoft.Extensions.Logging;
using ActorTrust.Runtime.Sharding;

namespace ActorTrust.Runtime.Entities;

/// <summary>What every host of one kind shares: the kind, the journal and its writer, leases, clock and callbacks.</summary>
internal sealed class EntityHostContext<TState, TCommand, TEvent>
    where TState : class
    where TCommand : class
    where TEvent : class
{
    public required EntityKind<TState, TCommand, TEvent> Kind { get; init; }

    public required IJournal Journal { get; init; }

    public required JournalWriter Writer { get; init; }

    public required IShardLeases Leases { get; init; }

    public required TimeProvider Time { get; init; }

    public required EntityRuntimeOptions Options { get; init; }

    public required ILogger Logger { get; init; }

    public required Action<EntityHost<TState, TCommand, TEvent>> OnStopped { get; init; }

    public required Action<EntityHost<TState, TCommand, TEvent>, Exception> OnFailed { get; init; }

    /// <summary>Called on the entity's mailbox after a command's events are durable and applied; null: nobody listens.</summary>
    public Action<EntityHost<TState, TCommand, TEvent>, CommittedState<TState>>? OnCommitted { get; init; }
}
