namespace ActorTrust.Runtime.Entities;

/// <summary>The kind-independent face of an <see cref="EntityRegistry{TState,TCommand,TEvent}"/>.</summary>
public interface IEntityRegistry
{
    /// <summary>The entity kind.</summary>
    string Kind { get; }

    /// <summary>Shards of the kind (fixed for the life of a cluster).</summary>
    int NumShards { get; }

    /// <summary>Entities currently active.</summary>
    int ActiveCount { get; }

    /// <summary>Passivates entities idle for longer than the configured timeout; returns how many.</summary>
    int PassivateIdle();

    /// <summary>Stops every entity after its queued messages.</summary>
    Task StopAsync();

    /// <summary>
    /// Stops the active entities of one shard: each processes the messages already queued (the drain of a
    /// handoff), then stops. Commands sent to the shard while it stops are refused with
    /// <see cref="Sharding.NotOwnerException"/>. Completes when every one of them has stopped.
    /// </summary>
    Task StopShardAsync(int shard, CancellationToken cancellationToken);
}
