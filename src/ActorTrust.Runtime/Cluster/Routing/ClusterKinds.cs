using System.Collections.Concurrent;
using ActorTrust.Runtime.Entities;

namespace ActorTrust.Runtime.Cluster.Routing;

/// <summary>
/// The kinds this node hosts, by name: where the node registers its six kinds once, and where the router (sending)
/// and the delivery receiver (receiving) look them up.
/// </summary>
public sealed class ClusterKinds
{
    private readonly ConcurrentDictionary<string, IClusterKind> _kinds = new(StringComparer.Ordinal);

    /// <summary>Every registered kind.</summary>
    public IReadOnlyCollection<IClusterKind> All => _kinds.Values.ToList();

    /// <summary>
    /// Registers <paramref name="registry"/>'s kind with a codec for every concrete <typeparamref name="TCommand"/> subtype
    /// (or <paramref name="codec"/>). <paramref name="onArrival"/> attaches node-local parts to commands from other nodes;
    /// <paramref name="runServing"/> runs each command on the serving node (see <see cref="ServingRunner{TState,TCommand}"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The kind is already registered.</exception>
    public ClusterKinds Add<TState, TCommand, TEvent>(
        EntityRegistry<TState, TCommand, TEvent> registry, CommandCodec<TCommand>? codec = null, Func<TCommand, TCommand>? onArrival = null,
        ServingRunner<TState, TCommand>? runServing = null)
        where TState : class
        where TCommand : class
        where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(registry);
        var kind = new ClusterKind<TState, TCommand, TEvent>(registry, codec ?? new CommandCodec<TCommand>(), onArrival, runServing);
        if (!_kinds.TryAdd(kind.Name, kind))
        {
            throw new ArgumentException($"entity kind '{kind.Name}' is already registered", nameof(registry));
        }

        return this;
    }

    /// <summary>The kind named <paramref name="name"/>, if registered.</summary>
    public bool TryGet(string name, out IClusterKind kind) => _kinds.TryGetValue(name, out kind!);

    /// <summary>The typed kind named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Not registered, or registered with other state/command types.</exception>
    public IClusterKind<TState, TCommand> Get<TState, TCommand>(string name)
        where TState : class
        where TCommand : class
    {
        if (!_kinds.TryGetValue(name, out var kind))
        {
            throw new ArgumentException($"entity kind '{name}' is not registered", nameof(name));
        }

        return kind as IClusterKind<TState, TCommand>
            ?? throw new ArgumentException($"entity kind '{name}' does not take {typeof(TCommand).Name} with state {typeof(TState).Name}", nameof(name));
    }
}
