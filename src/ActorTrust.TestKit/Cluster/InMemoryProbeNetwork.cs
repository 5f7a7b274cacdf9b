using ActorTrust.Runtime.Cluster;

namespace ActorTrust.TestKit.Cluster;

/// <summary>
/// Probes between in-process nodes: a node answers while it is <see cref="Up"/> and not blackholed from the prober.
/// Each node probes through <see cref="ProbeFrom"/>. An indirect probe reaches its intermediary as a direct probe
/// would, unless the intermediary is <see cref="Silence"/>d, and the intermediary then probes the target as itself;
/// every indirect probe asked is kept in <see cref="IndirectAsks"/>.
/// </summary>
public sealed class InMemoryProbeNetwork
{
    private readonly Lock _gate = new();
    private readonly HashSet<NodeId> _up = [];
    private readonly HashSet<(NodeId From, NodeId To)> _blackholes = [];
    private readonly HashSet<NodeId> _silent = [];
    private readonly List<IndirectAsk> _asks = [];

    /// <summary>Runs when an indirect probe is asked, before it is answered (a spec's sync point inside a membership round).</summary>
    public Func<IndirectAsk, Task>? OnIndirectAsk { get; set; }

    /// <summary>Every indirect probe asked so far, in order.</summary>
    public IReadOnlyList<IndirectAsk> IndirectAsks
    {
        get
        {
            lock (_gate)
            {
                return [.. _asks];
            }
        }
    }

    /// <summary>
    /// <paramref name="node"/> still answers direct probes but never answers an indirect-probe request (an overloaded or
    /// older intermediary).
    /// </summary>
    public void Silence(NodeId node)
    {
        lock (_gate)
        {
            _silent.Add(node);
        }
    }

    /// <summary>Marks <paramref name="node"/> as answering probes.</summary>
    public void Up(NodeId node)
    {
        lock (_gate)
        {
            _up.Add(node);
        }
    }

    /// <summary>Marks <paramref name="node"/> as not answering (killed or paused).</summary>
    public void Down(NodeId node)
    {
        lock (_gate)
        {
            _up.Remove(node);
        }
    }

    /// <summary>Probes from <paramref name="from"/> to <paramref name="to"/> go unanswered until <see cref="PassThrough"/>.</summary>
    public void Blackhole(NodeId from, NodeId to)
    {
        lock (_gate)
        {
            _blackholes.Add((from, to));
        }
    }

    /// <summary>Ends <see cref="Blackhole"/>.</summary>
    public void PassThrough(NodeId from, NodeId to)
    {
        lock (_gate)
        {
            _blackholes.Remove((from, to));
        }
    }

    /// <summary>The probe <paramref name="prober"/> uses.</summary>
    public IClusterProbe ProbeFrom(NodeId prober) => new Probe(this, prober);

    private bool Answers(NodeId from, NodeId to)
    {
        lock (_gate)
        {
            return _up.Contains(to) && !_blackholes.Contains((from, to));
        }
    }

    private IndirectProbeResult AnswersVia(NodeId from, NodeId via, NodeId target)
    {
        lock (_gate)
        {
            _asks.Add(new IndirectAsk(from, via, target));
            if (!_up.Contains(via) || _blackholes.Contains((from, via)) || _silent.Contains(via))
            {
                return IndirectProbeResult.NoAnswer;
            }

            return _up.Contains(target) && !_blackholes.Contains((via, target)) ? IndirectProbeResult.Reached : IndirectProbeResult.NotReached;
        }
    }

    private sealed class Probe(InMemoryProbeNetwork network, NodeId prober) : IClusterProbe
    {
        public Task<bool> ProbeAsync(NodeId target, CancellationToken cancellationToken) =>
            Task.FromResult(network.Answers(prober, target));

        public async Task<IndirectProbeResult> ProbeViaAsync(NodeId intermediary, NodeId target, TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (network.OnIndirectAsk is { } hook)
            {
                await hook(new IndirectAsk(prober, intermediary, target));
            }

            return network.AnswersVia(prober, intermediary, target);
        }
    }
}

/// <summary>An indirect probe asked on an <see cref="InMemoryProbeNetwork"/>.</summary>
/// <param name="From">The node that asked.</param>
/// <param name="Via">The intermediary asked.</param>
/// <param name="Target">The node to probe.</param>
public sealed record IndirectAsk(NodeId From, NodeId Via, NodeId Target);
