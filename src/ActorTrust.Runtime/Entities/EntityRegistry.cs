using System.Collections.Concurrent;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;
using Microsoft.Extensions.Logging;

namespace ActorTrust.Runtime.Entities;

/// <summary>
/// The active entities of one kind on this node: activates on first message, routes commands and queries to
/// the single host of each entity, and passivates idle ones on a timer driven by the injected clock.
/// </summary>
public sealed partial class EntityRegistry<TState, TCommand, TEvent> : IEntityRegistry
    where TState : class
    where TCommand : class
    where TEvent : class
{
    private readonly ConcurrentDictionary<string, EntityHost<TState, TCommand, TEvent>> _hosts = new(StringComparer.Ordinal);
    private readonly EntityHostContext<TState, TCommand, TEvent> _context;
    private readonly ILogger _logger;
    private readonly ITimer _passivationTimer;
    private readonly ConcurrentDictionary<int, int> _stoppingShards = new();
    private bool _stopping;

    public EntityRegistry(
        EntityKind<TState, TCommand, TEvent> kind, IJournal journal, JournalWriter writer, IShardLeases leases,
        TimeProvider time, EntityRuntimeOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _logger = logger;
        _context = new EntityHostContext<TState, TCommand, TEvent>
        {
            Kind = kind,
            Journal = journal,
            Writer = writer,
            Leases = leases,
            Time = time,
            Options = options,
            Logger = logger,
            OnStopped = host => _hosts.TryRemove(new KeyValuePair<string, EntityHost<TState, TCommand, TEvent>>(host.EntityId, host)),
            OnFailed = (host, ex) => LogEntityFailed(_logger, host.PersistenceId, ex),
            OnCommitted = (host, committed) => RaiseCommitted(host.PersistenceId, host.EntityId, committed),
        };
        _passivationTimer = time.CreateTimer(_ => PassivateIdle(), null, options.PassivationCheckInterval, options.PassivationCheckInterval);
    }

    /// <inheritdoc />
    public string Kind => _context.Kind.Name;

    /// <summary>The kind definition.</summary>
    public EntityKind<TState, TCommand, TEvent> Definition => _context.Kind;

    /// <inheritdoc />
    public int NumShards => _context.Kind.NumShards;

    /// <inheritdoc />
    public int ActiveCount => _hosts.Count;

    /// <summary>
    /// Raised after each command this node runs has its events durable and applied: the entity id and its state at the
    /// new version. Raised once per commit, on the entity's mailbox (so in order for one entity), before the command's
    /// reply; not for commands that record nothing, duplicates, or recovery from the journal. Handlers must be quick;
    /// one that throws is logged and does not affect the entity.
    /// </summary>
    public event Action<string, CommittedState<TState>>? Committed;

    /// <summary>Sends a command; the reply comes after its events are durable.</summary>
    public async Task<CommandResult<TState>> SendAsync(string entityId, string commandId, TCommand command, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(commandId);
        var message = new CommandMessage<TState, TCommand>(commandId, command);
        if (!Deliver(entityId, message))
        {
            return CommandResult<TState>.Overloaded();
        }

        return await message.Reply.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Runs <paramref name="query"/> against the entity's current state inside its mailbox (a consistent read).</summary>
    public async Task<TResult> QueryAsync<TResult>(string entityId, Func<TState, long, TResult> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var message = new QueryMessage<TState>((state, version) => query(state, version));
        if (!Deliver(entityId, message))
        {
            throw new EntityOverloadedException(PersistenceIds.For(Kind, entityId));
        }

        return (TResult)(await message.Reply.Task.WaitAsync(cancellationToken))!;
    }

    /// <summary>The entity's stream head (last sequence number and hash), read inside its mailbox.</summary>
    public async Task<EntityHead> HeadAsync(string entityId, CancellationToken cancellationToken)
    {
        var message = new QueryMessage<TState>((_, _) => null, wantsHead: true);
        if (!Deliver(entityId, message))
        {
            throw new EntityOverloadedException(PersistenceIds.For(Kind, entityId));
        }

        return (EntityHead)(await message.Reply.Task.WaitAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public int PassivateIdle()
    {
        var cutoff = _context.Options.PassivationIdleTimeout;
        var passivated = 0;
        foreach (var (_, host) in _hosts)
        {
            if (_context.Time.GetElapsedTime(host.LastActivity) >= cutoff && host.TryClose())
            {
                passivated++;
            }
        }

        return passivated;
    }

    /// <inheritdoc />
    public async Task StopAsync()
    {
        Volatile.Write(ref _stopping, true);
        await _passivationTimer.DisposeAsync();
        var hosts = _hosts.Values.ToList();
        hosts.ForEach(h => h.Shutdown());
        await Task.WhenAll(hosts.Select(h => h.Completion));
    }

    /// <inheritdoc />
    public async Task StopShardAsync(int shard, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        _stoppingShards.AddOrUpdate(shard, 1, (_, n) => n + 1);
        try
        {
            var hosts = _hosts.Values.Where(h => h.Shard == shard).ToList();
            hosts.ForEach(h => h.Shutdown());
            await Task.WhenAll(hosts.Select(h => h.Completion)).WaitAsync(cancellationToken);
        }
        finally
        {
            _stoppingShards.AddOrUpdate(shard, 0, (_, n) => n - 1);
            _stoppingShards.TryRemove(new KeyValuePair<int, int>(shard, 0));
        }
    }

    private bool Deliver(string entityId, EntityMessage message)
    {
        ArgumentException.ThrowIfNullOrEmpty(entityId);
        if (!_stoppingShards.IsEmpty && message is CommandMessage<TState, TCommand>)
        {
            var shard = Shards.ShardOf(entityId, _context.Kind.NumShards);
            if (_stoppingShards.TryGetValue(shard, out var stopping) && stopping > 0)
            {
                throw new NotOwnerException(Kind, shard, null);
            }
        }

        while (true)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _stopping), this);
            var host = _hosts.GetOrAdd(entityId, id => new EntityHost<TState, TCommand, TEvent>(_context, id));
            try
            {
                if (host.TryEnqueue(message))
                {
                    return true;
                }
            }
            catch (MailboxFullException)
            {
                return false;
            }

            // The host is closing (passivation or failure): drop our reference to it and activate anew.
            _hosts.TryRemove(new KeyValuePair<string, EntityHost<TState, TCommand, TEvent>>(entityId, host));
        }
    }

    private void RaiseCommitted(string persistenceId, string entityId, CommittedState<TState> committed)
    {
        try
        {
            Committed?.Invoke(entityId, committed);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogCommittedHandlerFailed(_logger, persistenceId, ex);
        }
    }

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "A committed-state handler failed for {PersistenceId}; the entity is unaffected")]
    private static partial void LogCommittedHandlerFailed(ILogger logger, string persistenceId, Exception exception);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "Entity {PersistenceId} stopped")]
    private static partial void LogEntityFailed(ILogger logger, string persistenceId, Exception exception);
}

/// <summary>The entity's mailbox is full; retry later.</summary>
public sealed class EntityOverloadedException(string persistenceId) : Exception($"entity {persistenceId} is overloaded: its mailbox is full")
{
    /// <summary>The overloaded entity.</summary>
    public string PersistenceId { get; } = persistenceId;
}
