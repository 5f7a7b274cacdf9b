using System.Collections.Concurrent;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Transport;

namespace ActorTrust.TestKit.Cluster;

/// <summary>
/// An in-process network for multi-node tests: each node registers its <see cref="DeliveryReceiver"/> and gets an
/// <see cref="IClusterTransport"/> and an <see cref="IClusterProbe"/> bound to it. Batches and replies go through the
/// real wire codec (<see cref="DeliveryWire"/>), so limits and malformed data behave as over HTTP/2. Fault hooks, by
/// <c>host:port</c> so they survive a restart: <see cref="Blackhole"/> (lost traffic: the sender waits until its own
/// deadline, as on a real network), <see cref="PassThrough"/> (heal), <see cref="Delay"/> (probes too, as over HTTP/2)
/// and <see cref="DropRate"/> (a seeded fraction of requests lost). A node registered with a <see cref="ProbeRelay"/>
/// answers indirect probes. A Kestrel-mode <c>TestCluster</c> keeps its faults here too and applies them on each node's
/// outgoing HTTP client.
/// </summary>
public sealed class InMemoryTransportHub
{
    private readonly ConcurrentDictionary<string, DeliveryReceiver> _nodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string From, string To), bool> _blackholes = new();
    private readonly ConcurrentDictionary<(string From, string To), TimeSpan> _delays = new();
    private readonly ConcurrentDictionary<(string From, string To), DroppingLink> _drops = new();
    private readonly ConcurrentDictionary<string, ProbeRelay> _relays = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TransportLimits _limits;
    private long _batches;
    private long _sent;
    private long _lost;
    private long _dropped;

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

    /// <summary>Requests (batches, probes, indirect probes) lost to <see cref="DropRate"/> so far.</summary>
    public long RequestsDropped => Interlocked.Read(ref _dropped);

    /// <summary>Batches that reached a receiver so far.</summary>
    public long BatchesDelivered => Interlocked.Read(ref _batches);

    /// <summary>
    /// Puts <paramref name="receiver"/>'s node on the network at its <c>host:port</c> (replacing an earlier incarnation);
    /// with a <paramref name="relay"/> it also answers indirect probes.
    /// </summary>
    public void Register(DeliveryReceiver receiver, ProbeRelay? relay = null)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        if (relay is null)
        {
            _relays.TryRemove(receiver.Self.Endpoint, out _);
        }
        else
        {
            _relays[receiver.Self.Endpoint] = relay;
        }

        _nodes[receiver.Self.Endpoint] = receiver;
    }

    /// <summary>Takes the node at <paramref name="node"/>'s <c>host:port</c> off the network (a crashed process): sends to it are refused.</summary>
    public void Unregister(NodeId node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _nodes.TryRemove(node.Endpoint, out _);
        _relays.TryRemove(node.Endpoint, out _);
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

    /// <summary>
    /// Loses each request from <paramref name="a"/> to <paramref name="b"/> with probability <paramref name="probability"/>
    /// (the sender waits until its own deadline, as for <see cref="Blackhole"/>), decided by a <see cref="Random"/> seeded
    /// with <paramref name="seed"/>; zero removes the fault. Answers from b to a are not affected: drop that direction
    /// with its own call.
    /// </summary>
    public void DropRate(NodeId a, NodeId b, double probability, int seed = 0)
    {
        if (double.IsNaN(probability) || probability is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "a drop rate is a probability between 0 and 1");
        }

        var link = Link(a, b);
        if (probability == 0)
        {
            _drops.TryRemove(link, out _);
        }
        else
        {
            _drops[link] = new DroppingLink(probability, seed);
        }
    }

    /// <summary>Whether this request from <paramref name="from"/> to <paramref name="to"/> (both <c>host:port</c>) is lost to a drop rate (counted when it is).</summary>
    internal bool Drops(string from, string to)
    {
        if (!_drops.TryGetValue((from, to), out var link) || !link.Drops())
        {
            return false;
        }

        Interlocked.Increment(ref _dropped);
        return true;
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
        if (IsBlackholed(from, target.Node) || Drops(from.Endpoint, target.Node.Endpoint))
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
        if (!await ArrivesAsync(from, target, cancellationToken))
        {
            return false;
        }

        return _nodes.TryGetValue(target.Endpoint, out var receiver) && receiver.Self == target;
    }

    // An indirect probe: the request travels from → via (lost like a probe), then via's relay probes target with via's own probe.
    private async Task<IndirectProbeResult> ProbeViaAsync(NodeId from, NodeId via, NodeId target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await ArrivesAsync(from, via, cancellationToken)
            || !_nodes.TryGetValue(via.Endpoint, out var receiver) || receiver.Self != via
            || !_relays.TryGetValue(via.Endpoint, out var relay) || !relay.MayProbe(target))
        {
            return IndirectProbeResult.NoAnswer;
        }

        return await relay.ProbeAsync(target, timeout, cancellationToken) ? IndirectProbeResult.Reached : IndirectProbeResult.NotReached;
    }

    // A request-answer exchange from → to: false (after the caller's deadline) when either direction is blackholed or the request is dropped.
    private async Task<bool> ArrivesAsync(NodeId from, NodeId to, CancellationToken cancellationToken)
    {
        if (IsBlackholed(from, to) || IsBlackholed(to, from) || Drops(from.Endpoint, to.Endpoint))
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

        if (_delays.TryGetValue(Link(from, to), out var delay))
        {
            await Task.Delay(delay, _time, cancellationToken);
        }

        return true;
    }

    private sealed class HubTransport(InMemoryTransportHub hub, NodeId self) : IClusterTransport
    {
        public Task<DeliveryReply> SendAsync(ClusterPeer target, DeliveryBatch batch, CancellationToken cancellationToken) =>
            hub.CarryAsync(self, target, batch, cancellationToken);
    }

    private sealed class HubProbe(InMemoryTransportHub hub, NodeId self) : IClusterProbe
    {
        public Task<bool> ProbeAsync(NodeId target, CancellationToken cancellationToken) => hub.ProbeAsync(self, target, cancellationToken);

        public Task<IndirectProbeResult> ProbeViaAsync(NodeId intermediary, NodeId target, TimeSpan timeout, CancellationToken cancellationToken) =>
            hub.ProbeViaAsync(self, intermediary, target, timeout, cancellationToken);
    }

    // One link's drop rate; its generator is seeded, and used under a lock (requests on a link are concurrent).
    private sealed class DroppingLink(double probability, int seed)
    {
        private readonly Random _random = new(seed);
        private readonly Lock _gate = new();

        public bool Drops()
        {
            lock (_gate)
            {
                return _random.NextDouble() < probability;
            }
        }
    }
}
