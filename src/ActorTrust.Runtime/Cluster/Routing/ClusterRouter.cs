using System.Collections.Concurrent;
using ActorTrust.Runtime.Cluster.Transport;
using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Sharding;
using Microsoft.Extensions.Logging;

namespace ActorTrust.Runtime.Cluster.Routing;

/// <summary>
/// Sends a command to the one node that may run it. When this node serves the entity's shard
/// (<see cref="ILocalShards.TryGetServing"/>) the command runs here; otherwise it goes, batched, to the owner in the
/// <see cref="RoutingTable"/>. NotOwner, WrongIncarnation, an unreachable node or no owner at all refresh the table and
/// retry with backoff until the command's deadline, then fail with <see cref="ClusterRoutingTimeoutException"/>.
/// Buffers are bounded per shard and per node; overflow answers <see cref="CommandStatus.Overloaded"/> at once (I9).
/// Retries re-send the same command id, so a command whose answer was lost is not applied twice. A command waiting
/// for a shard between owners does not sleep through the change: it looks again when an unreachable owner's lease runs
/// out, polls every <see cref="RouterOptions.OwnerPollInterval"/> while the table names no owner, and wakes at once
/// when this node acquires the shard (<see cref="OnShardAcquired"/>).
/// The router is never what keeps a writer single: that is the lease check in the journal transaction (§8.1).
/// </summary>
public sealed partial class ClusterRouter : IAsyncDisposable
{
    private readonly ILocalShards _local;
    private readonly ClusterKinds _kinds;
    private readonly RoutingTable _table;
    private readonly IClusterTransport _transport;
    private readonly RouterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ShardBuffers _shardBuffers;
    private readonly ConcurrentDictionary<NodeId, NodeOutbox> _outboxes = new();
    private readonly ConcurrentDictionary<(string Kind, int Shard), TaskCompletionSource> _acquired = new();
    private bool _disposed;

    public ClusterRouter(ILocalShards local, ClusterKinds kinds, RoutingTable table, IClusterTransport transport, RouterOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        (_local, _kinds, _table, _transport, _options, _time, _logger) = (local, kinds, table, transport, options, time, logger);
        _shardBuffers = new ShardBuffers(options.ShardBufferCapacity);
    }

    /// <summary>This node acquired the shard: commands waiting to retry on it try again now (locally).</summary>
    public void OnShardAcquired(string kind, int shard)
    {
        if (_acquired.TryRemove((kind, shard), out var waiting))
        {
            waiting.TrySetResult();
        }
    }

    /// <summary>Commands being routed for one shard right now.</summary>
    public int Buffered(string kind, int shard) => _shardBuffers.CountOf(kind, shard);

    /// <summary>Routes a command with the default deadline.</summary>
    public Task<CommandResult<TState>> SendAsync<TState, TCommand>(string kind, string entityId, string commandId, TCommand command, CancellationToken cancellationToken)
        where TState : class
        where TCommand : class =>
        SendAsync<TState, TCommand>(kind, entityId, commandId, command, _options.DefaultDeadline, cancellationToken);

    /// <summary>
    /// Routes a command; the result comes after its events are durable on the owner. A remote result has a null state.
    /// </summary>
    /// <exception cref="ClusterRoutingTimeoutException">No owner ran it before <paramref name="deadline"/> elapsed.</exception>
    /// <exception cref="ClusterDeliveryException">The owner could not run it.</exception>
    public async Task<CommandResult<TState>> SendAsync<TState, TCommand>(
        string kind, string entityId, string commandId, TCommand command, TimeSpan deadline, CancellationToken cancellationToken)
        where TState : class
        where TCommand : class
    {
        ArgumentException.ThrowIfNullOrEmpty(entityId);
        ArgumentException.ThrowIfNullOrEmpty(commandId);
        ArgumentNullException.ThrowIfNull(command);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        var target = _kinds.Get<TState, TCommand>(kind);
        var shard = Shards.ShardOf(entityId, target.NumShards);
        if (!_shardBuffers.TryEnter(kind, shard))
        {
            LogShardBufferFull(_logger, kind, shard);
            return CommandResult<TState>.Overloaded();
        }

        try
        {
            var (payloadType, payload) = target.Codec.Encode(command);
            var started = _time.GetTimestamp();
            var attempt = new Attempt(kind, entityId, shard, commandId, payloadType, payload);
            var backoff = _options.InitialBackoff;
            while (true)
            {
                var local = false;
                var lookAgainWithin = TimeSpan.MaxValue;
                if (_local.TryGetServing(kind, shard, out _))
                {
                    try
                    {
                        return await target.RunLocalAsync(entityId, commandId, command, cancellationToken);
                    }
                    catch (NotOwnerException ex)
                    {
                        // The lease lapsed locally between the check and the run (a late renewal): nothing ran; retry.
                        attempt.Failed(ex.Message);
                        local = true;
                    }
                }

                var left = deadline - _time.GetElapsedTime(started);
                if (left > TimeSpan.Zero && !local)
                {
                    var outcome = await TryRemoteAsync<TState>(attempt, left, cancellationToken);
                    if (outcome.Result is { } result)
                    {
                        return result;
                    }

                    attempt.Failed(outcome.Problem!);
                    lookAgainWithin = outcome.LookAgainWithin;
                    left = deadline - _time.GetElapsedTime(started);
                }

                if (left <= TimeSpan.Zero)
                {
                    LogTimedOut(_logger, kind, entityId, shard, attempt.Count, attempt.LastProblem);
                    throw new ClusterRoutingTimeoutException(kind, entityId, shard, attempt.Count, attempt.LastProblem);
                }

                await WaitToRetryAsync(kind, shard, Min(backoff, Min(left, lookAgainWithin)), cancellationToken);
                backoff = backoff * 2 < _options.MaxBackoff ? backoff * 2 : _options.MaxBackoff;
            }
        }
        finally
        {
            _shardBuffers.Exit(kind, shard);
        }
    }

    /// <summary>Stops every outbox; commands still queued fail.</summary>
    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _disposed, true);
        foreach (var outbox in _outboxes.Values)
        {
            await outbox.DisposeAsync();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Waits <paramref name="wait"/>, or less when this node acquires the shard meanwhile.</summary>
    private async Task WaitToRetryAsync(string kind, int shard, TimeSpan wait, CancellationToken cancellationToken)
    {
        var acquired = _acquired.GetOrAdd((kind, shard), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, _time, stop.Token);
        if (await Task.WhenAny(delay, acquired) == delay)
        {
            await delay; // surfaces the caller's cancellation
        }
        else
        {
            await stop.CancelAsync(); // the timer is not needed any more
        }
    }

    private async Task<Outcome<TState>> TryRemoteAsync<TState>(Attempt attempt, TimeSpan left, CancellationToken cancellationToken)
        where TState : class
    {
        var owner = await _table.OwnerOfAsync(attempt.Kind, attempt.Shard, cancellationToken);
        if (owner is null || owner.Node == _local.Self)
        {
            _table.Invalidate();
            return Outcome<TState>.Retry(
                owner is null ? "no live owner in the lease table" : "the lease table names this node, which does not serve the shard yet",
                _options.OwnerPollInterval); // an owner is due any moment: a survivor takes an expired shard at once
        }

        var timeout = left < _options.AttemptTimeout ? left : _options.AttemptTimeout;
        var envelope = new ClusterEnvelope(
            Guid.NewGuid().ToString("N"), _local.Self.ToString(), owner.Node.ToString(), attempt.Kind, attempt.Shard, attempt.EntityId,
            attempt.CommandId, timeout, attempt.PayloadType, attempt.Payload);
        DeliveryWire.CheckEnvelope(envelope, _options.Limits); // an oversized command is refused here, before it is queued

        using var attemptDeadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(attemptDeadline.Token, cancellationToken);
        var sending = OutboxFor(owner).TryEnqueue(envelope, linked.Token);
        if (sending is null)
        {
            LogNodeBufferFull(_logger, owner.Node.ToString());
            return Outcome<TState>.Done(CommandResult<TState>.Overloaded());
        }

        DeliveryAnswer answer;
        try
        {
            answer = await sending;
        }
        catch (OperationCanceledException) when (attemptDeadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Unreachable<TState>(attempt, $"{owner.Node} did not answer within {timeout.TotalMilliseconds:0} ms");
        }
        catch (ClusterTransportException ex)
        {
            return Unreachable<TState>(attempt, ex.Message);
        }

        switch (answer.Status)
        {
            case DeliveryStatus.Delivered when answer.Result is { } result:
                return Outcome<TState>.Done(RemoteCommandResult.Decode<TState>(result));
            case DeliveryStatus.Overloaded:
                return Outcome<TState>.Done(CommandResult<TState>.Overloaded());
            case DeliveryStatus.NotOwner:
                _table.Invalidate();
                return Outcome<TState>.Retry($"{owner.Node} does not serve the shard{(answer.OwnerHint is null ? string.Empty : $" (hint: {answer.OwnerHint})")}");
            case DeliveryStatus.WrongIncarnation:
                _table.Invalidate();
                return Outcome<TState>.Retry($"{owner.Node} has restarted: {answer.Reason}");
            default:
                throw new ClusterDeliveryException(owner.Node.ToString(), answer.Reason ?? "a delivered answer without a result");
        }
    }

    /// <summary>
    /// The owner did not answer: if it is gone, its shard is free when its lease runs out, so the next look comes no
    /// later than that (with a little slack for the survivor's acquisition), however long the backoff has grown.
    /// </summary>
    private Outcome<TState> Unreachable<TState>(Attempt attempt, string problem)
        where TState : class
    {
        var until = _table.UntilLeaseEnds(attempt.Kind, attempt.Shard);
        _table.Invalidate();
        return Outcome<TState>.Retry(problem, until is { } end ? end + _options.OwnerPollInterval : TimeSpan.MaxValue);
    }

    private NodeOutbox OutboxFor(ClusterPeer owner)
    {
        var outbox = _outboxes.GetOrAdd(owner.Node, _ => new NodeOutbox(owner, _transport, _options.NodeBufferCapacity, _options.Limits.MaxBatchEnvelopes));
        return outbox.Target.Address == owner.Address ? outbox : ReplaceOutbox(outbox, owner);
    }

    private NodeOutbox ReplaceOutbox(NodeOutbox stale, ClusterPeer owner)
    {
        var fresh = new NodeOutbox(owner, _transport, _options.NodeBufferCapacity, _options.Limits.MaxBatchEnvelopes);
        if (_outboxes.TryUpdate(owner.Node, fresh, stale))
        {
            _ = stale.DisposeAsync().AsTask();
            return fresh;
        }

        _ = fresh.DisposeAsync().AsTask();
        return _outboxes[owner.Node];
    }

    [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "Routing buffer of {Kind} shard {Shard} is full; command refused as overloaded")]
    private static partial void LogShardBufferFull(ILogger logger, string kind, int shard);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Outbox to {Node} is full; command refused as overloaded")]
    private static partial void LogNodeBufferFull(ILogger logger, string node);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Warning, Message = "{Kind}|{EntityId} (shard {Shard}) timed out after {Attempts} attempts: {Problem}")]
    private static partial void LogTimedOut(ILogger logger, string kind, string entityId, int shard, int attempts, string problem);

    private sealed class Attempt(string kind, string entityId, int shard, string commandId, string payloadType, System.Text.Json.JsonElement payload)
    {
        public string Kind => kind;

        public string EntityId => entityId;

        public int Shard => shard;

        public string CommandId => commandId;

        public string PayloadType => payloadType;

        public System.Text.Json.JsonElement Payload => payload;

        public int Count { get; private set; }

        public string LastProblem { get; private set; } = "the deadline was spent before the first attempt";

        public void Failed(string problem)
        {
            Count++;
            LastProblem = problem;
        }
    }

    /// <param name="Result">The answer, when there is one.</param>
    /// <param name="Problem">Why to retry, when there is none.</param>
    /// <param name="LookAgainWithin">The next retry waits no longer than this, whatever the backoff.</param>
    private readonly record struct Outcome<TState>(CommandResult<TState>? Result, string? Problem, TimeSpan LookAgainWithin)
        where TState : class
    {
        public static Outcome<TState> Done(CommandResult<TState> result) => new(result, null, TimeSpan.MaxValue);

        public static Outcome<TState> Retry(string problem) => new(null, problem, TimeSpan.MaxValue);

        public static Outcome<TState> Retry(string problem, TimeSpan lookAgainWithin) => new(null, problem, lookAgainWithin);
    }
}
