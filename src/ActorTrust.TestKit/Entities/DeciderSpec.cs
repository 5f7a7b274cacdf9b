using ActorTrust.Core.Entities;

namespace ActorTrust.TestKit.Entities;

/// <summary>
/// The entity test kit: <c>Given</c> past events, <c>When</c> a command at a time, then assert on the
/// <see cref="Decision{TEvent}"/> (events, rejection) or on <see cref="State"/>. <see cref="Apply"/> requires
/// acceptance and records the events, so a scenario can be built step by step. Pure: no runtime, no journal.
/// </summary>
/// <typeparam name="TState">The entity state.</typeparam>
/// <typeparam name="TCommand">The command base type.</typeparam>
/// <typeparam name="TEvent">The event base type.</typeparam>
/// <param name="decider">The decider under test.</param>
/// <param name="entityId">The entity id passed in the <see cref="DecisionContext"/>.</param>
public sealed class DeciderSpec<TState, TCommand, TEvent>(IDecider<TState, TCommand, TEvent> decider, string entityId)
{
    private readonly List<TEvent> _history = [];

    /// <summary>Every event given or applied so far.</summary>
    public IReadOnlyList<TEvent> History => _history;

    /// <summary>The state folded from <see cref="History"/>.</summary>
    public TState State => _history.Aggregate(decider.Initial, decider.Evolve);

    /// <summary>Adds past events.</summary>
    public DeciderSpec<TState, TCommand, TEvent> Given(params IEnumerable<TEvent> events)
    {
        _history.AddRange(events);
        return this;
    }

    /// <summary>Decides <paramref name="command"/> at <paramref name="now"/> without recording anything.</summary>
    public Decision<TEvent> When(TCommand command, DateTimeOffset now) =>
        decider.Decide(State, command, new DecisionContext(entityId, now, _history.Count));

    /// <summary>Decides <paramref name="command"/>, requires acceptance, records and returns the events.</summary>
    public IReadOnlyList<TEvent> Apply(TCommand command, DateTimeOffset now)
    {
        var events = When(command, now).ShouldBeAccepted();
        _history.AddRange(events);
        return events;
    }
}
