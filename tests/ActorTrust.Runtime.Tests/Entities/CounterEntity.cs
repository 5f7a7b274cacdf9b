using ActorTrust.Core.Entities;
using ActorTrust.Runtime.Entities;

namespace ActorTrust.Runtime.Tests.Entities;

// A minimal entity kind for exercising the runtime: a counter that refuses negative steps (recording the
// attempt) and throws on a "Boom" command to stand in for a decider bug.
public abstract record CounterCommand;

public sealed record Add(int By) : CounterCommand;

public sealed record Boom : CounterCommand;

public abstract record CounterEvent;

[EventName("counter.added.v1")]
public sealed record Added(int By) : CounterEvent;

[EventName("counter.refused.v1")]
public sealed record Refused(int By, string Reason) : CounterEvent;

public sealed record CounterState(long Total, int Refusals);

public sealed class CounterDecider : IDecider<CounterState, CounterCommand, CounterEvent>
{
    public CounterState Initial { get; } = new(0, 0);

    public Decision<CounterEvent> Decide(CounterState state, CounterCommand command, DecisionContext context) => command switch
    {
        Add { By: 0 } => Decision<CounterEvent>.Accept(),
        Add { By: < 0 } add => Decision<CounterEvent>.RejectAndRecord("NegativeStep", $"cannot add {add.By}", new Refused(add.By, "NegativeStep")),
        Add add => Decision<CounterEvent>.Accept(new Added(add.By)),
        Boom => throw new InvalidOperationException("decider bug"),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    public CounterState Evolve(CounterState state, CounterEvent @event) => @event switch
    {
        Added added => state with { Total = state.Total + added.By },
        Refused => state with { Refusals = state.Refusals + 1 },
        _ => state,
    };

    public static EntityKind<CounterState, CounterCommand, CounterEvent> Kind(bool snapshots = false, bool startsStream = false) => new()
    {
        Name = "counter",
        Decider = new CounterDecider(),
        Events = EventCatalog<CounterEvent>.FromAssembly(),
        NumShards = 8,
        RecordedRejection = e => e is Refused r ? new Rejection(r.Reason, $"cannot add {r.By}") : null,
        WriteSnapshot = snapshots ? s => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(s) : null,
        ReadSnapshot = snapshots ? b => System.Text.Json.JsonSerializer.Deserialize<CounterState>(b)! : null,
        StartsStream = startsStream ? c => c is Add : null,
    };
}
