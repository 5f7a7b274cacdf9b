using ActorTrust.Core.Entities;
using ActorTrust.Runtime.Entities;

namespace ActorTrust.Benchmarks.Entity;

// The benchmark's own entity kind: a counter whose commands emit one event (Step) or many (Burst). It keeps
// the decider trivial so the figures measure the runtime and the journal, not domain logic.
internal abstract record BenchCommand;

/// <summary>One event per command.</summary>
internal sealed record Step(int By) : BenchCommand;

/// <summary><paramref name="Count"/> events per command (batched writes).</summary>
internal sealed record Burst(int Count) : BenchCommand;

internal abstract record BenchEvent;

[EventName("bench.stepped.v1")]
internal sealed record Stepped(int By, string Reason) : BenchEvent;

internal sealed record BenchState(long Total, long Events);

internal sealed class BenchDecider : IDecider<BenchState, BenchCommand, BenchEvent>
{
    /// <summary>A fixed reason so every payload has the same size (about 60 bytes of canonical JSON).</summary>
    public const string Reason = "benchmark step, fixed text of realistic length";

    public BenchState Initial { get; } = new(0, 0);

    public Decision<BenchEvent> Decide(BenchState state, BenchCommand command, DecisionContext context) => command switch
    {
        Step step => Decision<BenchEvent>.Accept(new Stepped(step.By, Reason)),
        Burst burst => Decision<BenchEvent>.Accept([.. Enumerable.Range(0, burst.Count).Select(i => new Stepped(i, Reason))]),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    public BenchState Evolve(BenchState state, BenchEvent @event) => @event switch
    {
        Stepped stepped => new BenchState(state.Total + stepped.By, state.Events + 1),
        _ => state,
    };
}

internal static class BenchCounter
{
    public const string KindName = "bench";

    public static EntityKind<BenchState, BenchCommand, BenchEvent> Kind { get; } = new()
    {
        Name = KindName,
        Decider = new BenchDecider(),
        Events = EventCatalog<BenchEvent>.FromAssembly(),
        NumShards = 64,
    };
}
