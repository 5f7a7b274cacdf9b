namespace ActorTrust.Core.Entities;

/// <summary>
/// The pure heart of an entity kind: <see cref="Decide"/> turns a command into events or a rejection,
/// <see cref="Evolve"/> folds one event into the state. Both are pure: no I/O, no clock, no randomness. The
/// same <see cref="Evolve"/> serves recovery and live writes.
/// </summary>
/// <typeparam name="TState">Immutable state record.</typeparam>
/// <typeparam name="TCommand">The kind's command base type.</typeparam>
/// <typeparam name="TEvent">The kind's event base type.</typeparam>
public interface IDecider<TState, in TCommand, TEvent>
{
    /// <summary>The state of an entity that has no events yet.</summary>
    TState Initial { get; }

    /// <summary>Decides what <paramref name="command"/> means in <paramref name="state"/>.</summary>
    Decision<TEvent> Decide(TState state, TCommand command, DecisionContext context);

    /// <summary>Applies one event.</summary>
    TState Evolve(TState state, TEvent @event);
}
