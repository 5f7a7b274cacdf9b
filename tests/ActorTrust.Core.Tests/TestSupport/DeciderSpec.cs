using ActorTrust.Core.Entities;

namespace ActorTrust.Core.Tests.TestSupport;

/// <summary>
/// A tiny given / when / then harness for deciders: <c>Given</c> past events, <c>When</c> a command at a time,
/// then assert on the <see cref="Decision{TEvent}"/>. <c>Apply</c> requires acceptance and records the events.
/// </summary>
internal sealed class DeciderSpec<TState, TCommand, TEvent>(IDecider<TState, TCommand, TEvent> decider, string entityId)
{
    private readonly List<TEvent> _history = [];

    public IReadOnlyList<TEvent> History => _history;

    public TState State => _history.Aggregate(decider.Initial, decider.Evolve);

    public DeciderSpec<TState, TCommand, TEvent> Given(params IEnumerable<TEvent> events)
    {
        _history.AddRange(events);
        return this;
    }

    public Decision<TEvent> When(TCommand command, DateTimeOffset now) =>
        decider.Decide(State, command, new DecisionContext(entityId, now, _history.Count));

    public IReadOnlyList<TEvent> Apply(TCommand command, DateTimeOffset now)
    {
        var events = When(command, now).ShouldBeAccepted();
        _history.AddRange(events);
        return events;
    }
}

internal static class DecisionAssertions
{
    public static IReadOnlyList<TEvent> ShouldBeAccepted<TEvent>(this Decision<TEvent> decision)
    {
        decision.Rejection.ShouldBeNull(decision.Rejection?.ToString());
        return decision.Events;
    }

    public static void ShouldBeRejectedWith<TEvent>(this Decision<TEvent> decision, string code)
    {
        decision.Rejection.ShouldNotBeNull("the command was accepted");
        decision.Rejection.Code.ShouldBe(code, decision.Rejection.Message);
        decision.Events.ShouldBeEmpty();
    }

    public static TExpected ShouldEmitSingle<TEvent, TExpected>(this Decision<TEvent> decision)
        where TExpected : TEvent =>
        decision.ShouldBeAccepted().ShouldHaveSingleItem().ShouldBeOfType<TExpected>();
}
