using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Transport;
using ActorTrust.TestKit.Cluster;

namespace ActorTrust.TestKit.MultiNode;

/// <summary>How one <see cref="TestNode"/> is on the network: what it sends and probes with, where it is reached, and how it comes and goes.</summary>
internal interface INodeNetwork
{
    /// <summary>Carries this node's batches.</summary>
    IClusterTransport Transport { get; }

    /// <summary>Probes other nodes for this node.</summary>
    IClusterProbe Probe { get; }

    /// <summary>The address this node advertises in membership.</summary>
    string Address { get; }

    /// <summary>Null when the node may join, else why not (the check a real node makes at start).</summary>
    string? RefuseJoin(NodeId self);

    /// <summary>Starts taking traffic for <paramref name="receiver"/>, and indirect probes for <paramref name="relay"/>.</summary>
    void Attach(DeliveryReceiver receiver, ProbeRelay relay);

    /// <summary>Leaves the network: nothing reaches the node and it sends nothing more.</summary>
    Task DetachAsync();
}

/// <summary>A node on the <see cref="InMemoryTransportHub"/>.</summary>
internal sealed class InMemoryNodeNetwork(InMemoryTransportHub hub, NodeId self) : INodeNetwork
{
    public IClusterTransport Transport { get; } = hub.TransportFor(self);

    public IClusterProbe Probe { get; } = hub.ProbeFor(self);

    public string Address => $"http://{self.Endpoint}";

    public string? RefuseJoin(NodeId self) => null;

    public void Attach(DeliveryReceiver receiver, ProbeRelay relay) => hub.Register(receiver, relay);

    public Task DetachAsync()
    {
        hub.Unregister(self);
        return Task.CompletedTask;
    }
}
