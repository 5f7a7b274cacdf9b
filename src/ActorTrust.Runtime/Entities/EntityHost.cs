using System.Threading.Channels;
using ActorTrust.Core.Entities;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;

namespace ActorTrust.Runtime.Entities;

/// <summary>
/// One active entity: a bounded mailbox processed one message at a time. It recovers from the journal
/// (verifying the chain) before its first message, replies to a command only after the command's events are
/// durable, and stops for good on a failed, conflicting or fenced append — the next message re-activates it
/// from the journal, which is the only truth. A first command that starts a stream
/// (<see cref="EntityKind{TState, TCommand, TEvent}.StartsStream"/>) may skip the activation read: see <see cref="TryStartStreamAsync"/>.
/// </summary>
internal sealed class EntityHost<TState, TCommand, TEvent>
    where TState : class
    where TCommand : class
    where TEvent : class
{
    private readonly EntityHostContext<TState, TCommand, TEvent> _context;
    private readonly Channel<EntityMessage> _mailbox;
    private readonly CommandMemory _commands;
    private EntityStream<TState> _stream;
    private long _pending;
    private int _closing;
    private long _lastActivity;
    private bool _recovered;

    public EntityHost(EntityHostContext<TState, TCommand, TEvent> context, string entityId)
    {
        _context = context;
        EntityId = entityId;
        PersistenceId = PersistenceIds.For(context.Kind.Name, entityId);
        Shard = Shards.ShardOf(entityId, context.Kind.NumShards);
        _mailbox = Channel.CreateBounded<EntityMessage>(new BoundedChannelOptions(context.Options.MailboxCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _commands = new CommandMemory(context.Options.RememberedCommandIds);
        _stream = EntityStream<TState>.New(PersistenceId, context.Kind.Decider.Initial);
        _lastActivity = context.Time.GetTimestamp();
        Completion = Task.Run(RunAsync);
    }

    public string EntityId { get; }

    public string PersistenceId { get; }

    /// <summary>The entity's shard (I10: the same in every process).</summary>
    public int Shard { get; }

    /// <summary>Completes when the entity has stopped (passivated or failed).</summary>
    public Task Completion { get; }

    /// <summary>Monotonic timestamp (TimeProvider) of the last message received.</summary>
    public long LastActivity => Interlocked.Read(ref _lastActivity);

    /// <summary>
    /// Queues a message. False means "this host is closing, look it up again"; a full mailbox throws
    /// <see cref="MailboxFullException"/>.
    /// </summary>
    public bool TryEnqueue(EntityMessage message)
    {
        Interlocked.Increment(ref _pending);
        if (Volatile.Read(ref _closing) != 0)
        {
            Interlocked.Decrement(ref _pending);
            return false;
        }

        if (!_mailbox.Writer.TryWrite(message))
        {
            Interlocked.Decrement(ref _pending);
            if (Volatile.Read(ref _closing) != 0)
            {
                return false;
            }

            throw new MailboxFullException(PersistenceId);
        }

        Interlocked.Exchange(ref _lastActivity, _context.Time.GetTimestamp());
        return true;
    }

    /// <summary>
    /// Closes the mailbox if nothing is queued or running (used for passivation). Pairs with
    /// <see cref="TryEnqueue"/>: a sender either sees the close and looks again, or the close sees its message.
    /// </summary>
    public bool TryClose()
    {
        Interlocked.Exchange(ref _closing, 1);
        if (Interlocked.Read(ref _pending) != 0)
        {
            Interlocked.Exchange(ref _closing, 0);
            return false;
        }

        _mailbox.Writer.TryComplete();
        return true;
    }

    /// <summary>Stops taking messages; those already queued are still processed.</summary>
    public void Shutdown()
    {
        Interlocked.Exchange(ref _closing, 1);
        _mailbox.Writer.TryComplete();
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var message in _mailbox.Reader.ReadAllAsync())
            {
                // The entity counts itself idle before the caller hears back, so a caller that acts on the
                // reply (advancing a clock, sending the next command) never races the bookkeeping.
                Action? reply = null;
                try
                {
                    if (!_recovered)
                    {
                        reply = await ActivateAsync(message);
                    }

                    reply ??= await HandleAsync(message);
                }
                finally
                {
                    Interlocked.Decrement(ref _pending);
                    reply?.Invoke();
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Stop(ex);
        }
        finally
        {
            _context.OnStopped(this);
        }
    }

    /// <summary>
    /// Before the first message: a stream-starting command may run without the journal read
    /// (<see cref="TryStartStreamAsync"/>); otherwise the state is recovered from the journal and the message is handled as usual
    /// (null). A failed recovery fails this message too and stops the host.
    /// </summary>
    private async Task<Action?> ActivateAsync(EntityMessage message)
    {
        if (message is CommandMessage<TState, TCommand> command && _context.Kind.StartsStream is { } startsStream && startsStream(command.Command)
            && await TryStartStreamAsync(command) is { } reply)
        {
            _recovered = true;
            return reply;
        }

        try
        {
            _stream = await EntityRecovery.RecoverAsync(_context, PersistenceId, _commands, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            message.Fail(ex as EntityStoppedException ?? new EntityStoppedException(PersistenceId, ex.Message, ex));
            throw;
        }

        _recovered = true;
        return null;
    }

    /// <summary>
    /// Runs a stream-starting command against the initial state and appends its events as seq 1, with no journal read.
    /// That is safe because the append itself checks the head: if the stream already has events (a retried create, or
    /// the entity existed), the journal refuses it with <see cref="AppendStatus.SequenceConflict"/> and nothing is written.
    /// Null (recover and run the command as usual) on that refusal, when the command decides no events (a rejection may
    /// depend on the real state, or be a duplicate's), when the decider throws, and when this node does not hold the
    /// shard. A fenced or failed append stops the host as for any command (<see cref="AppendDecidedAsync"/>).
    /// </summary>
    private async Task<Action?> TryStartStreamAsync(CommandMessage<TState, TCommand> message)
    {
        var now = _context.Time.GetUtcNow();
        Decision<TEvent> decision;
        try
        {
            decision = _context.Kind.Decider.Decide(_stream.State, message.Command, new DecisionContext(EntityId, now, 0));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null; // the usual path decides again and answers with the failure
        }

        if (decision.Events.Count == 0)
        {
            return null;
        }

        ShardLease lease;
        try
        {
            lease = await _context.Leases.AcquireAsync(_context.Kind.Name, Shard, CancellationToken.None);
        }
        catch (NotOwnerException)
        {
            return null; // the usual path refuses it the same way, after the recovery it always did
        }

        return await AppendDecidedAsync(message, decision, now, lease, startingStream: true);
    }

    private async Task<Action?> HandleAsync(EntityMessage message)
    {
        switch (message)
        {
            case QueryMessage<TState> query:
                try
                {
                    var answer = query.WantsHead ? new EntityHead(_stream.SeqNr, _stream.LastHash) : query.Query(_stream.State, _stream.SeqNr);
                    return () => query.Reply.TrySetResult(answer);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    return () => query.Reply.TrySetException(ex);
                }

            case CommandMessage<TState, TCommand> command:
                return await HandleCommandAsync(command);
            default:
                return null;
        }
    }

    private async Task<Action?> HandleCommandAsync(CommandMessage<TState, TCommand> message)
    {
        // I4: a command runs only while this node may serve the entity's shard; otherwise it is refused unexecuted
        // and the host closes (later messages are refused the same way, and the next send activates afresh).
        try
        {
            await _context.Leases.AcquireAsync(_context.Kind.Name, Shard, CancellationToken.None);
        }
        catch (NotOwnerException notOwner)
        {
            Interlocked.Exchange(ref _closing, 1);
            _mailbox.Writer.TryComplete();
            return () => message.Reply.TrySetException(notOwner);
        }

        if (_commands.TryGet(message.CommandId, out var earlier))
        {
            var duplicate = Result(earlier, [], duplicate: true);
            return () => message.Reply.TrySetResult(duplicate);
        }

        var now = _context.Time.GetUtcNow();
        Decision<TEvent> decision;
        try
        {
            decision = _context.Kind.Decider.Decide(_stream.State, message.Command, new DecisionContext(EntityId, now, _stream.SeqNr));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return () => message.Reply.TrySetException(ex); // a decider bug: the command fails, the state is untouched
        }

        if (decision.Events.Count == 0)
        {
            var unchanged = Result(decision.Rejection, [], duplicate: false);
            return () => message.Reply.TrySetResult(unchanged);
        }

        return await AppendDecidedAsync(message, decision, now, lease: null, startingStream: false);
    }

    /// <summary>
    /// Appends a command's decided events as the shard's writer (under <paramref name="lease"/>, or the lease acquired now)
    /// and, once they are durable, applies them and builds the reply. With <paramref name="startingStream"/> a refusal
    /// because the stream is not where the command expected it (it already exists) writes nothing and gives null: the
    /// caller recovers and decides again. Any other failure stops the host: the write may or may not be durable, so the
    /// mailbox closes first (later commands activate a fresh host that reads the truth from the journal), then the
    /// command is answered with the failure. A fenced append also stops the whole shard: a newer holder exists.
    /// </summary>
    private async Task<Action?> AppendDecidedAsync(
        CommandMessage<TState, TCommand> message, Decision<TEvent> decision, DateTimeOffset now, ShardLease? lease, bool startingStream)
    {
        StreamAppend append;
        string[] names;
        try
        {
            lease ??= await _context.Leases.AcquireAsync(_context.Kind.Name, Shard, CancellationToken.None);
            (append, names) = BuildAppend(message.CommandId, decision.Events, now, new WriterIdentity(lease.OwnerNode, lease.FencingToken));
            var outcome = await _context.Writer.AppendAsync(append, CancellationToken.None);
            if (startingStream && outcome.Status == AppendStatus.SequenceConflict)
            {
                return null;
            }

            if (outcome.Status == AppendStatus.Fenced)
            {
                _context.Leases.ReportFenced(lease);
            }

            if (outcome.Status != AppendStatus.Committed)
            {
                throw new EntityStoppedException(PersistenceId, $"append {outcome.Status}: {outcome.Detail}");
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Exchange(ref _closing, 1);
            _mailbox.Writer.TryComplete();
            message.Reply.TrySetException(ex);
            throw;
        }

        return await Committed(message, decision, append, names);
    }

    /// <summary>The command's events are durable: applies them, remembers the command and builds the reply.</summary>
    private async Task<Action> Committed(CommandMessage<TState, TCommand> message, Decision<TEvent> decision, StreamAppend append, string[] names)
    {
        _stream = _stream.Apply(append, decision.Events, _context.Kind.Decider);
        _commands.Remember(message.CommandId, decision.Rejection);
        _context.OnCommitted?.Invoke(this, new CommittedState<TState>(_stream.State, _stream.SeqNr, new EntityHead(_stream.SeqNr, _stream.LastHash)));
        var result = Result(decision.Rejection, names, duplicate: false);
        _stream = await EntityRecovery.MaybeSnapshotAsync(_context, PersistenceId, _stream, CancellationToken.None);
        return () => message.Reply.TrySetResult(result);
    }

    private (StreamAppend Append, string[] Names) BuildAppend(string commandId, IReadOnlyList<TEvent> events, DateTimeOffset now, WriterIdentity writer)
    {
        var timestamp = HashChain.Truncate(now);
        var list = new EventToAppend[events.Count];
        var names = new string[events.Count];
        var prev = _stream.LastHash;
        for (var i = 0; i < events.Count; i++)
        {
            var seqNr = _stream.SeqNr + i + 1;
            names[i] = _context.Kind.Events.NameOf(events[i]);
            var payload = _context.Kind.Events.Serialize(events[i]);
            var hash = HashChain.Compute(prev, PersistenceId, seqNr, names[i], payload, timestamp, writer.Node, writer.FencingToken, commandId);
            list[i] = new EventToAppend(seqNr, names[i], payload, timestamp, commandId, prev, hash);
            prev = hash;
        }

        return (new StreamAppend(PersistenceId, _stream.SeqNr, writer, list), names);
    }

    private CommandResult<TState> Result(Rejection? rejection, IReadOnlyList<string> names, bool duplicate) =>
        new(rejection is null ? CommandStatus.Accepted : CommandStatus.Rejected, rejection, _stream.SeqNr, names, _stream.State, duplicate);

    private void Stop(Exception cause)
    {
        Interlocked.Exchange(ref _closing, 1);
        _mailbox.Writer.TryComplete();
        var stopped = cause as EntityStoppedException ?? new EntityStoppedException(PersistenceId, cause.Message, cause);
        while (_mailbox.Reader.TryRead(out var left))
        {
            left.Fail(stopped);
        }

        _context.OnFailed(this, cause);
    }
}

/// <summary>The entity's mailbox is full.</summary>
internal sealed class MailboxFullException(string persistenceId) : Exception($"mailbox of {persistenceId} is full");
