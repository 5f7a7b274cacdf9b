using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Routing;
using ActorTrust.Runtime.Cluster.Transport;
using ActorTrust.Runtime.Sharding;
using ActorTrust.Runtime.Tests.Entities;

namespace ActorTrust.Runtime.Tests.Cluster.Transport;

internal static class Envelopes
{
    private static readonly CommandCodec<CounterCommand> Codec = new();

    public static ClusterEnvelope For(NodeId from, NodeId to, string entityId, CounterCommand command, string? commandId = null)
    {
        var (type, payload) = Codec.Encode(command);
        return new ClusterEnvelope(
            Guid.NewGuid().ToString("N"), from.ToString(), to.ToString(), RoutingCluster.Kind, Shards.ShardOf(entityId, RoutingCluster.NumShards),
            entityId, commandId ?? Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(5), type, payload);
    }
}
