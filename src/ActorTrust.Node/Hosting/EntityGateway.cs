using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Routing;
using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Sharding;

namespace ActorTrust.Node.Hosting;

/// <summary>
/// How the node's endpoints and services reach the entities of one kind, embedded or clustered alike.
/// Embedded: straight to the local registry. Clustered: commands go through the <see cref="ClusterRouter"/> to
/// the one node serving the entity's shard; queries run in the entity's mailbox when this node serves the shard
/// and otherwise on a verified replay of the committed journal (never on a local copy another node may change).
/// </summary>
public sealed class EntityGateway<TState, TCommand, TEvent>
    where TState : class
    where TCommand : class
    where TEvent : class
{
    private readonly ClusterRouter? _router;
    private readonly ILocalShards? _local;

    /// <summary>An embedded gateway (no router).</summary>
    public EntityGateway(EntityRegistry<TState, TCommand, TEvent> registry)
        : this(registry, null, null)
    {
    }

    /// <summary>A cluster gateway: <paramref name="router"/> sends, <paramref name="local"/> tells which shards run here.</summary>
    public EntityGateway(EntityRegistry<TState, TCommand, TEvent> registry, ClusterRouter? router, ILocalShards? local)
    {
        Registry = registry ?? throw new ArgumentNullException(nameof(registry));
        if ((router is null) != (local is null))
        {
            throw new ArgumentException("a cluster gateway needs both the router and the local shard view");
        }

        (_router, _local) = (router, local);
    }

    /// <summary>This node's registry of the kind.</summary>
    public EntityRegistry<TState, TCommand, TEvent> Registry { get; }

    /// <summary>The entity kind.</summary>
    public string Kind => Registry.Kind;

    /// <summary>
    /// Sends a command to the entity wherever it runs; the reply comes after its events are durable. A command run on
    /// another node comes back without state, so the state at the reply's version is read back from the journal.
    /// </summary>
    public async Task<CommandResult<TState>> SendAsync(string entityId, string commandId, TCommand command, CancellationToken cancellationToken)
    {
        if (_router is null)
        {
            return await Registry.SendAsync(entityId, commandId, command, cancellationToken);
        }

        var result = await _router.SendAsync<TState, TCommand>(Kind, entityId, commandId, command, cancellationToken);
        if (result.IsAccepted && result.State is null)
        {
            var committed = await Registry.ReadCommittedAsync(entityId, result.Version, cancellationToken);
            result = result with { State = committed.State };
        }

        return result;
    }

    /// <summary>Runs <paramref name="query"/> on the entity's current state (see the class remarks for where).</summary>
    public async Task<TResult> QueryAsync<TResult>(string entityId, Func<TState, long, TResult> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (ServedHere(entityId))
        {
            try
            {
                return await Registry.QueryAsync(entityId, query, cancellationToken);
            }
            catch (NotOwnerException)
            {
                // The shard moved between the check and the query: read what is committed instead.
            }
        }

        var committed = await Registry.ReadCommittedAsync(entityId, null, cancellationToken);
        return query(committed.State, committed.Version);
    }

    /// <summary>The entity's stream head.</summary>
    public async Task<EntityHead> HeadAsync(string entityId, CancellationToken cancellationToken)
    {
        if (ServedHere(entityId))
        {
            try
            {
                return await Registry.HeadAsync(entityId, cancellationToken);
            }
            catch (NotOwnerException)
            {
                // Moved meanwhile; fall through to the journal.
            }
        }

        return (await Registry.ReadCommittedAsync(entityId, null, cancellationToken)).Head;
    }

    private bool ServedHere(string entityId) =>
        _local is null || _local.TryGetServing(Kind, Shards.ShardOf(entityId, Registry.NumShards), out _);
}
