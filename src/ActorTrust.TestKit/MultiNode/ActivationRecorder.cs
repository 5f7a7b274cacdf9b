using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ActorTrust.Core.Entities;

namespace ActorTrust.TestKit.MultiNode;

/// <summary>One command execution that committed: which node ran it, under which fencing token, from its decision to its commit.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Node">The node (with incarnation) that ran it.</param>
/// <param name="Token">The fencing token its events were written with.</param>
/// <param name="Start">When the decider was called (<see cref="Stopwatch.GetTimestamp"/>).</param>
/// <param name="Stop">When the append came back committed (<see cref="Stopwatch.GetTimestamp"/>).</param>
public sealed record Activation(string EntityId, string Node, long Token, long Start, long Stop)
{
    /// <summary>True when this and <paramref name="other"/> ran at the same time.</summary>
    public bool Overlaps(Activation other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Start < other.Stop && other.Start < Stop;
    }
}

/// <summary>
/// Logs every committed command execution of every node of a test cluster and asserts that no entity ever executed
/// on two nodes at overlapping times (invariants I1 and I4, seen from outside). A node's decider reports the start
/// (<see cref="Recording"/>); its journal reports the commit (<see cref="Committed"/>). Executions whose append
/// did not commit (fenced, failed) are not activations: nothing of them is in the journal.
/// </summary>
public sealed class ActivationRecorder
{
    private readonly ConcurrentDictionary<(string Node, string EntityId), long> _started = new();
    private readonly ConcurrentQueue<Activation> _activations = new();

    /// <summary>Every recorded activation so far.</summary>
    public IReadOnlyList<Activation> All => [.. _activations];

    /// <summary>Wraps <paramref name="decider"/> so that each decision on <paramref name="node"/> marks a start.</summary>
    public IDecider<TState, TCommand, TEvent> Recording<TState, TCommand, TEvent>(string node, IDecider<TState, TCommand, TEvent> decider) =>
        new RecordingDecider<TState, TCommand, TEvent>(this, node, decider);

    /// <summary>Marks that <paramref name="node"/> started executing a command of <paramref name="entityId"/>.</summary>
    public void Started(string node, string entityId) => _started[(node, entityId)] = Stopwatch.GetTimestamp();

    /// <summary>Marks that the command <paramref name="node"/> last started on <paramref name="entityId"/> committed under <paramref name="token"/>.</summary>
    public void Committed(string node, string entityId, long token)
    {
        if (_started.TryRemove((node, entityId), out var start))
        {
            _activations.Enqueue(new Activation(entityId, node, token, start, Stopwatch.GetTimestamp()));
        }
    }

    /// <summary>Pairs of activations of one entity on two different nodes that overlap in time.</summary>
    public IReadOnlyList<(Activation First, Activation Second)> Overlaps()
    {
        var found = new List<(Activation, Activation)>();
        foreach (var entity in _activations.GroupBy(a => a.EntityId))
        {
            var ordered = entity.OrderBy(a => a.Start).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                for (var j = i + 1; j < ordered.Count && ordered[j].Start < ordered[i].Stop; j++)
                {
                    if (ordered[i].Node != ordered[j].Node)
                    {
                        found.Add((ordered[i], ordered[j]));
                    }
                }
            }
        }

        return found;
    }

    /// <summary>Throws naming the first overlaps when any entity executed on two nodes at once.</summary>
    public void AssertNoOverlap()
    {
        var overlaps = Overlaps();
        if (overlaps.Count == 0)
        {
            return;
        }

        var message = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{overlaps.Count} overlapping activations on two nodes:");
        foreach (var (a, b) in overlaps.Take(5))
        {
            message.Append(CultureInfo.InvariantCulture, $"\n  {a.EntityId}: {a.Node} (token {a.Token}) and {b.Node} (token {b.Token})");
        }

        throw new InvalidOperationException(message.ToString());
    }

    private sealed class RecordingDecider<TState, TCommand, TEvent>(ActivationRecorder recorder, string node, IDecider<TState, TCommand, TEvent> inner)
        : IDecider<TState, TCommand, TEvent>
    {
        public TState Initial => inner.Initial;

        public Decision<TEvent> Decide(TState state, TCommand command, DecisionContext context)
        {
            recorder.Started(node, context.EntityId);
            return inner.Decide(state, command, context);
        }

        public TState Evolve(TState state, TEvent @event) => inner.Evolve(state, @event);
    }
}
