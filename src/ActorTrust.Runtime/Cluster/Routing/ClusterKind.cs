using ActorTrust.Runtime.Cluster.Transport;
using ActorTrust.Runtime.Entities;

namespace ActorTrust.Runtime.Cluster.Routing;

/// <summary>One entity kind as the cluster sees it: its name, shard count, and how to run an arriving envelope.</summary>
public interface IClusterKind
{
    /// <summary>The kind name.</summary>
    string Name { get; }

    /// <summary>Shards of the kind (I10: sender and receiver must agree; the receiver checks).</summary>
    int NumShards { get; }

    /// <summary>Decodes the envelope's command, runs it on the local entity and encodes the outcome.</summary>
    Task<DeliveryAnswer> DeliverAsync(ClusterEnvelope envelope, CancellationToken cancellationToken);
}

/// <summary>The typed face of a kind, used by the router on the sending side.</summary>
/// <typeparam name="TState">The entity state.</typeparam>
/// <typeparam name="TCommand">The command base record.</typeparam>
public interface IClusterKind<TState, TCommand> : IClusterKind
    where TState : class
    where TCommand : class
{
    /// <summary>The kind's command codec.</summary>
    CommandCodec<TCommand> Codec { get; }

    /// <summary>Runs the command on this node's entity registry.</summary>
    Task<CommandResult<TState>> RunLocalAsync(string entityId, string commandId, TCommand command, CancellationToken cancellationToken);
}

/// <summary>
/// Runs a command on the serving node in place of the registry's own <c>SendAsync</c>: the node's hook for commands
/// that must be completed where the entity lives (a session close is turned into a close signed and chained by the
/// serving node). It receives the registry's <c>SendAsync</c> as <paramref name="send"/> for everything else.
/// </summary>
/// <typeparam name="TState">The kind's state.</typeparam>
/// <typeparam name="TCommand">The kind's command base type.</typeparam>
public delegate Task<CommandResult<TState>> ServingRunner<TState, TCommand>(
    string entityId, string commandId, TCommand command, Func<TCommand, Task<CommandResult<TState>>> send, CancellationToken cancellationToken)
    where TState : class
    where TCommand : class;

/// <summary>
/// Binds an <see cref="EntityRegistry{TState,TCommand,TEvent}"/> to its <see cref="CommandCodec{TCommand}"/>.
/// <paramref name="onArrival"/> lets the node attach what never travels (a signing key) to a command that came from
/// another node before it runs; <paramref name="runServing"/> runs every command on the serving node, local or arrived.
/// </summary>
public sealed class ClusterKind<TState, TCommand, TEvent>(
    EntityRegistry<TState, TCommand, TEvent> registry, CommandCodec<TCommand> codec, Func<TCommand, TCommand>? onArrival = null,
    ServingRunner<TState, TCommand>? runServing = null)
    : IClusterKind<TState, TCommand>
    where TState : class
    where TCommand : class
    where TEvent : class
{
    /// <inheritdoc />
    public string Name => registry.Kind;

    /// <inheritdoc />
    public int NumShards => registry.Definition.NumShards;

    /// <inheritdoc />
    public CommandCodec<TCommand> Codec => codec;

    /// <inheritdoc />
    public Task<CommandResult<TState>> RunLocalAsync(string entityId, string commandId, TCommand command, CancellationToken cancellationToken) =>
        runServing is null
            ? registry.SendAsync(entityId, commandId, command, cancellationToken)
            : runServing(entityId, commandId, command, c => registry.SendAsync(entityId, commandId, c, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<DeliveryAnswer> DeliverAsync(ClusterEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        TCommand command;
        try
        {
            command = codec.Decode(envelope.PayloadType, envelope.Payload);
        }
        catch (FormatException ex)
        {
            return DeliveryAnswer.Failed(envelope.MsgId, ex.Message);
        }

        if (onArrival is not null)
        {
            command = onArrival(command);
        }

        try
        {
            // SendAsync queues the command before its first await, so envelopes of one batch reach an entity's
            // mailbox in batch order.
            var result = await RunLocalAsync(envelope.EntityId, envelope.CommandId, command, cancellationToken);
            return result.Status == CommandStatus.Overloaded
                ? DeliveryAnswer.Overloaded(envelope.MsgId, $"mailbox of {Name}|{envelope.EntityId} is full")
                : DeliveryAnswer.Delivered(envelope.MsgId, RemoteCommandResult.Encode(result));
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return DeliveryAnswer.Failed(envelope.MsgId, ex.Message);
        }
    }
}
