using System.Collections.Concurrent;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Transport;

namespace ActorTrust.TestKit.Cluster;

/// <summary>
/// An in-process network for multi-node tests: each node registers its <see cref="DeliveryReceiver"/> and gets an
/// <see cref="IClusterTransport"/> and an <see cref="IClusterProbe"/> bound to it. Batches and replies go through the
/// real wire codec (<see cref="DeliveryWire"/>), so limits and malformed data behave as over HTTP/2. Fault hooks, by
/// <c>host:port</c> so they survive a restart: <see cref="Blackhole"/> (lost traffic: the sender waits until its own
/// deadline, as on a real network), <see cref="PassThrough"/> (heal) and <see cref="Delay"/>. A Kestrel-mode
/// <c>TestCluster</c> keeps its faults here too and applies them on each node's outgoing HTTP client.
/// </summary>
public sealed class InMemoryTransportHub
{
    private readonly ConcurrentDictionary<string, DeliveryReceiver> _nodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string From, string To), bool> _blackholes = new();
    private readonly ConcurrentDictionary<(string From, string To), TimeSpan> _delays = new();
    private readonly TimeProvider _time;
    private readonly TransportLimits _limits;
    private long _batches;
    private long _sent;
    private long _lost;

    /// <summary>A hub whose delays run on <paramref name="time"/> (system time when null).</summary>
    public InMemoryTransportHub(TimeProvider? time = null, TransportLimits? limits = null)
    {
        _time = time ?? TimeProvider.System;
        _limits = limits ?? new TransportLimits();
    }

    /// <summary>Batches handed to the hub so far (lost ones included).</summary>
    public long BatchesSent => Interlocked.Read(ref _sent);

    /// <summary>Replies dropped by a blackhole after the receiver did the work.</summary>
    public long RepliesLost => Interlocked.Read(ref _lost);

    /// <summary>Batches that reached a receiver so far.</summary>
    public long BatchesDelivered => Interlocked.Read(ref _batches);

    /// <summary>Puts <paramref name="receiver"/>'s node on the network at its <c>host:port</c> (replacing an earlier incarnation).</summary>
    public void Register(DeliveryReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        _nodes[receiver.Self.Endpoint] = receiver;
    }

    /// <summary>Takes the node at <paramref name="node"/>'s <c>host:port</c> off the network (a crashed process): sends to it are refused.</summary>
    public void Unregister(NodeId node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _nodes.TryRemove(node.Endpoint, out _);
    }

    /// <summary>The transport <paramref name="self"/> sends with.</summary>
    public IClusterTransport TransportFor(NodeId self) => new HubTransport(this, self);

    /// <summary>The probe <paramref name="self"/> probes with.</summary>
    public IClusterProbe ProbeFor(NodeId self) => new HubProbe(this, self);

    /// <summary>Loses the traffic between <paramref name="a"/> and <paramref name="b"/> in <paramref name="direction"/> (seen from <paramref name="a"/>).</summary>
    public void Blackhole(NodeId a, NodeId b, LinkDirection direction) => ForLinks(a, b, direction, link => _blackholes[link] = true);

    /// <summary>Heals <see cref="Blackhole"/> between <paramref name="a"/> and <paramref name="b"/> in <paramref name="direction"/>.</summary>
    public void PassThrough(NodeId a, NodeId b, LinkDirection direction) => ForLinks(a, b, direction, link => _blackholes.TryRemove(link, out _));

    /// <summary>Delays every request from <paramref name="a"/> to <paramref name="b"/> by <paramref name="by"/> (zero removes the delay).</summary>
    public void Delay(NodeId a, NodeId b, TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        var link = Link(a, b);
        if (by == TimeSpan.Zero)
        {
            _delays.TryRemove(link, out _);
        }
        else
        {
            _delays[link] = by;
        }
    }

    private static (string, string) Link(NodeId from, NodeId to) => (from.Endpoint, to.Endpoint);

    private static void ForLinks(NodeId a, NodeId b, LinkDirection direction, Action<(string, string)> apply)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (direction is LinkDirection.Send or LinkDirection.Both)
        {
            apply(Link(a, b));
        }

        if (direction is LinkDirection.Receive or LinkDirection.Both)
        {
            apply(Link(b, a));
        }
    }

    private bool IsBlackholed(NodeId from, NodeId to) => _blackholes.ContainsKey(Link(from, to));

    /// <summary>Whether traffic from <paramref name="from"/> to <paramref name="to"/> (both <c>host:port</c>) is lost now (the Kestrel transport's fault handler asks).</summary>
    internal bool IsBlackholed(string from, string to) => _blackholes.ContainsKey((from, to));

    /// <summary>The delay on requests from <paramref name="from"/> to <paramref name="to"/> (both <c>host:port</c>), zero when none.</summary>
    internal TimeSpan DelayOf(string from, string to) => _delays.TryGetValue((from, to), out var delay) ? delay : TimeSpan.Zero;

    /// <summary>Counts a reply a blackhole dropped on the Kestrel transport.</summary>
    internal void CountLostReply() => Interlocked.Increment(ref _lost);

    private async Task<DeliveryReply> CarryAsync(NodeId from, ClusterPeer target, DeliveryBatch batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        if (IsBlackholed(from, target.Node))
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken); // lost: only the sender's deadline ends the wait
        }

        if (_delays.TryGetValue(Link(from, target.Node), out var delay))
        {
            await Task.Delay(delay, _time, cancellationToken);
        }

        if (!_nodes.TryGetValue(target.Node.Endpoint, out var receiver))
        {
            throw new ClusterTransportException($"{target.Node} refused the connection: nothing listens at {target.Node.Endpoint}");
        }

        DeliveryBatch arrived;
        try
        {
            arrived = DeliveryWire.DecodeBatch(DeliveryWire.EncodeBatch(batch), _limits);
        }
        catch (FormatException ex)
        {
            throw new ClusterTransportException($"{target.Node} refused the batch: 400 {ex.Message}", ex);
        }

        Interlocked.Increment(ref _batches);
        var reply = await receiver.ReceiveAsync(arrived, CancellationToken.None);
        if (IsBlackholed(target.Node, from))
        {
            Interlocked.Increment(ref _lost);
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken); // the work is done, the answer is lost
        }

        return DeliveryWire.DecodeReply(DeliveryWire.EncodeReply(reply), batch.Envelopes.Count, _limits);
    }

    private async Task<bool> ProbeAsync(NodeId from, NodeId target, CancellationToken cancellationToken)
    {
        if (IsBlackholed(from, target) || IsBlackholed(target, from))
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            return false;
        }

        return _nodes.TryGetValue(target.Endpoint, out var receiver) && receiver.Self == target;
    }

    private sealed class HubTransport(InMemoryTransportHub hub, NodeId self) : IClusterTransport
    {
        public Task<DeliveryReply> SendAsync(ClusterPeer target, DeliveryBatch batch, CancellationToken cancellationToken) =>
            hub.CarryAsync(self, target, batch, cancellationToken);
    }

    private sealed class HubProbe(InMemoryTransportHub hub, NodeId self) : IClusterProbe
    {
        public Task<bool> ProbeAsync(NodeId target, CancellationToken cancellationToken) => hub.ProbeAsync(self, target, cancellationToken);
    }
}
