using System.Collections.Concurrent;
using ActorTrust.Runtime.Entities;

namespace ActorTrust.Runtime.Cluster;

/// <summary>Stops the entities of one shard on this node (the lease manager calls it when a shard is lost or handed off).</summary>
public interface IShardStopper
{
    /// <summary>Lets the shard's active entities drain their queued messages, then stops them.</summary>
    Task StopShardAsync(string kind, int shard, CancellationToken cancellationToken);
}

/// <summary>Stops shards on the node's entity registries, one registry per kind (registries are added once built).</summary>
public sealed class RegistryShardStopper : IShardStopper
{
    private readonly ConcurrentDictionary<string, IEntityRegistry> _byKind = new(StringComparer.Ordinal);

    /// <summary>Adds the registry of one kind; a second registry for the same kind is refused.</summary>
    public void Add(IEntityRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (!_byKind.TryAdd(registry.Kind, registry))
        {
            throw new InvalidOperationException($"a registry for {registry.Kind} is already added");
        }
    }

    /// <inheritdoc />
    public Task StopShardAsync(string kind, int shard, CancellationToken cancellationToken) =>
        _byKind.TryGetValue(kind, out var registry) ? registry.StopShardAsync(shard, cancellationToken) : Task.CompletedTask;
}
