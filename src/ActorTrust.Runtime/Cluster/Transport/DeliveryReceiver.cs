using ActorTrust.Runtime.Cluster.Routing;
using ActorTrust.Runtime.Sharding;

namespace ActorTrust.Runtime.Cluster.Transport;

/// <summary>Where a receiver learns who it thinks owns a shard, for the <see cref="DeliveryStatus.NotOwner"/> hint.</summary>
public interface IShardOwnerHints
{
    /// <summary>The believed owner (<c>host:port:incarnation</c>) from cached state only, or null; never does I/O.</summary>
    string? OwnerHint(string kind, int shard);
}

/// <summary>
/// The receiving side of the transport. For each envelope, in order: the incarnation must be this process's
/// (<see cref="DeliveryStatus.WrongIncarnation"/>), the kind known, the shard the one the entity hashes to (I10), and
/// this node must serve the shard at this instant (<see cref="ILocalShards.TryGetServing"/>, which holds I4; otherwise
/// <see cref="DeliveryStatus.NotOwner"/>). Commands in flight are bounded per node (I9: beyond
/// <paramref name="maxInFlight"/> the answer is <see cref="DeliveryStatus.Overloaded"/>). The entity's own
/// lease-gated append is still the last word: this check only saves work, it is not what keeps writers single (§8.1).
/// </summary>
public sealed class DeliveryReceiver(ILocalShards local, ClusterKinds kinds, TimeProvider time, int maxInFlight = 100_000, IShardOwnerHints? hints = null)
{
    private readonly int _maxInFlight = maxInFlight >= 0 ? maxInFlight : throw new ArgumentOutOfRangeException(nameof(maxInFlight), "actortrust.cluster.transport.max-in-flight must not be negative");
    private int _inFlight;

    /// <summary>This process.</summary>
    public NodeId Self => local.Self;

    /// <summary>Commands currently running for other nodes.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Runs a batch; one answer per envelope, in order. Envelopes are started in order, so per-entity order holds.</summary>
    public async Task<DeliveryReply> ReceiveAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var self = local.Self.ToString();
        var running = new Task<DeliveryAnswer>[batch.Envelopes.Count];
        for (var i = 0; i < running.Length; i++)
        {
            running[i] = ReceiveOneAsync(batch.Envelopes[i], self, cancellationToken);
        }

        return new DeliveryReply(await Task.WhenAll(running));
    }

    private async Task<DeliveryAnswer> ReceiveOneAsync(ClusterEnvelope envelope, string self, CancellationToken cancellationToken)
    {
        if (!string.Equals(envelope.ToNode, self, StringComparison.Ordinal))
        {
            return DeliveryAnswer.WrongIncarnation(envelope.MsgId, self);
        }

        if (!kinds.TryGet(envelope.Kind, out var kind))
        {
            return DeliveryAnswer.Failed(envelope.MsgId, $"entity kind '{envelope.Kind}' is not hosted here");
        }

        var shard = Shards.ShardOf(envelope.EntityId, kind.NumShards);
        if (shard != envelope.Shard)
        {
            return DeliveryAnswer.Failed(envelope.MsgId, $"{envelope.EntityId} is in shard {shard} of {kind.NumShards}, not {envelope.Shard}: the nodes disagree on the shard count");
        }

        if (!local.TryGetServing(kind.Name, shard, out _))
        {
            return DeliveryAnswer.NotOwner(envelope.MsgId, hints?.OwnerHint(kind.Name, shard));
        }

        if (Interlocked.Increment(ref _inFlight) > _maxInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            return DeliveryAnswer.Overloaded(envelope.MsgId, $"{_maxInFlight} commands already in flight on {self}");
        }

        try
        {
            using var deadline = new CancellationTokenSource(envelope.TimeLeft, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
            try
            {
                return await kind.DeliverAsync(envelope, linked.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return DeliveryAnswer.Failed(envelope.MsgId, "the command's deadline passed before the entity answered");
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
