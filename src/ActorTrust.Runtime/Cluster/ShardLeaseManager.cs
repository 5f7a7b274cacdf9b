using System.Collections.Concurrent;
using ActorTrust.Runtime.Sharding;
using Microsoft.Extensions.Logging;

namespace ActorTrust.Runtime.Cluster;

/// <summary>
/// This node's shard leases in a cluster. Each round (<see cref="RunOnceAsync"/>) it drops leases whose local
/// deadline passed, renews the rest, starts a handoff for any whose renewal names another desired owner, and takes
/// free shards (<see cref="ShardCandidates"/>). It is the entity gate: <see cref="AcquireAsync"/> and
/// <see cref="TryGetServing"/> answer from the local monotonic deadline alone, never from a belief about the table.
/// <list type="bullet">
/// <item>I1 is the store's (CAS and token + 1); this class only ever writes with the token it was granted.</item>
/// <item>I4: no command runs once <c>now ≥ renewSentAt + ttl − margin</c>, even if the loss is not yet known; the
/// deadline is measured from when the renewal was <em>sent</em>, so a slow store cannot stretch it.</item>
/// <item>A fenced append (<see cref="ReportFenced"/>) or a failed renewal stops the whole shard at once.</item>
/// <item>A handoff never blocks progress (Akka #7500): after <c>HandoffTimeout − 5s</c> the lease is released anyway,
/// and if the release is lost the lease simply expires.</item>
/// </list>
/// </summary>
public sealed partial class ShardLeaseManager : IShardLeases, ILocalShards
{
    private readonly IClusterLeaseStore _store;
    private readonly IMembershipStore _clock;
    private readonly IShardStopper _stopper;
    private readonly IMembershipView _membership;
    private readonly ClusterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _self;
    private readonly ConcurrentDictionary<(string Kind, int Shard), HeldShard> _held = new();
    private readonly ConcurrentDictionary<(string Kind, int Shard), string> _ownerHints = new();
    private readonly ConcurrentDictionary<(string Kind, int Shard), Task> _stopping = new();
    private readonly ConcurrentDictionary<string, int> _kinds = new(StringComparer.Ordinal);
    private volatile bool _leaving;
    private long _nextLookAt = long.MaxValue; // none

    /// <param name="self">This node.</param>
    /// <param name="store">The lease table.</param>
    /// <param name="clock">The membership store, used here for the database clock only.</param>
    /// <param name="stopper">Stops a shard's entities.</param>
    /// <param name="membership">Whether this node is Active, and how many members are.</param>
    /// <param name="options">Timing.</param>
    /// <param name="time">Local monotonic clock (<see cref="TimeProvider.GetTimestamp"/>).</param>
    /// <param name="logger">Logger.</param>
    public ShardLeaseManager(NodeId self, IClusterLeaseStore store, IMembershipStore clock, IShardStopper stopper,
        IMembershipView membership, ClusterOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Self = self;
        _self = self.ToString();
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _stopper = stopper ?? throw new ArgumentNullException(nameof(stopper));
        _membership = membership ?? throw new ArgumentNullException(nameof(membership));
        _options = options;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <inheritdoc />
    public NodeId Self { get; }

    /// <summary>Raised after a shard was acquired.</summary>
    public event Action<HeldShard>? ShardAcquired;

    /// <summary>Raised when this node stops serving a shard (its entities are being stopped).</summary>
    public event Action<ShardStopped>? ShardStoppedServing;

    /// <summary>The leases held now (serving or handing off), ordered by kind then shard.</summary>
    public IReadOnlyList<HeldShard> Held => [.. _held.Values.OrderBy(h => h.Kind, StringComparer.Ordinal).ThenBy(h => h.Shard)];

    /// <summary>Registers every kind with the store (creating its lease rows) and starts managing its shards.</summary>
    public async Task RegisterKindsAsync(IEnumerable<(string Kind, int NumShards)> kinds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        foreach (var (kind, numShards) in kinds)
        {
            await _store.RegisterKindAsync(kind, numShards, cancellationToken);
            _kinds[kind] = numShards;
        }
    }

    /// <inheritdoc />
    /// <exception cref="NotOwnerException">The shard is not held here, or its local deadline has passed.</exception>
    public ValueTask<ShardLease> AcquireAsync(string kind, int shard, CancellationToken cancellationToken)
    {
        // Handing off still counts: the commands queued before the handoff began drain under the lease.
        if (_held.TryGetValue((kind, shard), out var held) && held.IsValidAt(_time.GetTimestamp()))
        {
            return ValueTask.FromResult(new ShardLease(kind, shard, _self, held.Token));
        }

        throw new NotOwnerException(kind, shard, OwnerHint(kind, shard));
    }

    /// <inheritdoc />
    public bool TryGetServing(string kind, int shard, out long fencingToken)
    {
        if (_held.TryGetValue((kind, shard), out var held) && held.State == HeldShardState.Serving && held.IsValidAt(_time.GetTimestamp()))
        {
            fencingToken = held.Token;
            return true;
        }

        fencingToken = 0;
        return false;
    }

    /// <summary>Who to send a command for the shard to: the handoff target, or the owner last read from the table; null when unknown.</summary>
    public string? OwnerHint(string kind, int shard) =>
        _held.TryGetValue((kind, shard), out var held) && held.HandoffTo is not null ? held.HandoffTo
        : _ownerHints.TryGetValue((kind, shard), out var owner) && owner != _self ? owner : null;

    /// <inheritdoc />
    public void ReportFenced(ShardLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (_held.TryGetValue((lease.Kind, lease.Shard), out var held) && held.Token == lease.FencingToken)
        {
            Lose(held, ShardLossReason.Fenced);
        }
    }

    /// <summary>One round: expire, renew, hand off, acquire.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        ExpireOverdue();
        await RenewAllAsync(cancellationToken);
        if (_membership.SelfActive && !_leaving)
        {
            await AcquireFreeAsync(cancellationToken);
        }
    }

    /// <summary>
    /// When (a <see cref="TimeProvider.GetTimestamp"/> value) a shard may next become free for this node, read from
    /// the last look at the table: another owner's leases expiring, a hint's grace running out. Null when nothing
    /// was ahead. The lease loop runs <see cref="LookForFreeShardsAsync"/> then, rather than at its next round.
    /// </summary>
    public long? NextLookAt => Interlocked.Read(ref _nextLookAt) is var at && at != long.MaxValue ? at : null;

    /// <summary>
    /// Between rounds: drops overdue leases and takes free shards, without renewing. Run at <see cref="NextLookAt"/>,
    /// so a dead node's shards are taken as soon as the store grants them.
    /// </summary>
    public async Task LookForFreeShardsAsync(CancellationToken cancellationToken)
    {
        ExpireOverdue();
        if (_membership.SelfActive && !_leaving)
        {
            await AcquireFreeAsync(cancellationToken);
        }
    }

    /// <summary>Completes when every shard stop and handoff started so far has finished.</summary>
    public Task WhenStoppedAsync() => Task.WhenAll(_stopping.Values);

    private void ExpireOverdue()
    {
        var now = _time.GetTimestamp();
        foreach (var held in _held.Values.Where(h => !h.IsValidAt(now)))
        {
            Lose(held, ShardLossReason.DeadlineExpired);
        }
    }

    /// <summary>Stops serving <paramref name="held"/> at once and stops its entities in the background.</summary>
    private void Lose(HeldShard held, ShardLossReason reason)
    {
        if (!_held.TryRemove(new KeyValuePair<(string, int), HeldShard>((held.Kind, held.Shard), held)))
        {
            return; // already replaced (renewed or handed off) or gone
        }

        ClusterLog.ShardStopped(_logger, held.Kind, held.Shard, held.Token, reason);
        Track(held, () => _stopper.StopShardAsync(held.Kind, held.Shard, CancellationToken.None));
        ShardStoppedServing?.Invoke(new ShardStopped(held.Kind, held.Shard, held.Token, reason));
    }

    private void Track(HeldShard held, Func<Task> work)
    {
        var key = (held.Kind, held.Shard);
        var previous = _stopping.TryGetValue(key, out var running) ? running : Task.CompletedTask;
        _stopping[key] = RunAfterAsync(previous, work);
    }

    private async Task RunAfterAsync(Task previous, Func<Task> work)
    {
        await previous; // never faults: every tracked task catches its own failure below
        try
        {
            await work();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ClusterLog.LoopFailed(_logger, "shard-stop", ex);
        }
    }
}
