using ActorTrust.Runtime.Cluster;

namespace ActorTrust.TestKit.Cluster;

/// <summary>
/// Probes between in-process nodes: a node answers while it is <see cref="Up"/> and not blackholed from the prober.
/// Each node probes through <see cref="ProbeFrom"/>.
/// </summary>
public sealed class InMemoryProbeNetwork
{
    private readonly Lock _gate = new();
    private readonly HashSet<NodeId> _up = [];
    private readonly HashSet<(NodeId From, NodeId To)> _blackholes = [];

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

    private sealed class Probe(InMemoryProbeNetwork network, NodeId prober) : IClusterProbe
    {
        public Task<bool> ProbeAsync(NodeId target, CancellationToken cancellationToken) =>
            Task.FromResult(network.Answers(prober, target));
    }
}
