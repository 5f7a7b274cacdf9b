using ActorTrust.Core.Entities;
using Xunit;

namespace ActorTrust.TestKit.Entities;

/// <summary>Assertions on decisions that name what went wrong.</summary>
public static class DecisionAssertions
{
    /// <summary>Asserts the command was accepted and returns its events.</summary>
    public static IReadOnlyList<TEvent> ShouldBeAccepted<TEvent>(this Decision<TEvent> decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        Assert.True(decision.Rejection is null, $"expected acceptance, got {decision.Rejection}");
        return decision.Events;
    }

    /// <summary>Asserts the command was refused with <paramref name="code"/> and recorded nothing.</summary>
    public static void ShouldBeRejectedWith<TEvent>(this Decision<TEvent> decision, string code)
    {
        ArgumentNullException.ThrowIfNull(decision);
        Assert.True(decision.Rejection is not null, "expected a rejection, but the command was accepted");
        Assert.True(decision.Rejection.Code == code, $"expected rejection {code}, got {decision.Rejection}");
        Assert.Empty(decision.Events);
    }

    /// <summary>Asserts the command was accepted with exactly one event of type <typeparamref name="TExpected"/>.</summary>
    public static TExpected ShouldEmitSingle<TEvent, TExpected>(this Decision<TEvent> decision)
        where TExpected : TEvent
    {
        var events = decision.ShouldBeAccepted();
        Assert.Single(events);
        return Assert.IsType<TExpected>(events[0]);
    }
}
