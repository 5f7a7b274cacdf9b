using Microsoft.Extensions.Logging;

namespace ActorTrust.Runtime.Cluster;

/// <summary>
/// This node's side of the table-based membership protocol (Orleans', engines.md §5.1 and §8.4.1). Every status or
/// vote change goes through <see cref="IMembershipStore.TryWriteAsync"/>, a compare-and-set on the version row, and is
/// retried on a fresh read when another writer got there first.
/// <list type="bullet">
/// <item>Join writes Joining, then Active; it first marks older incarnations of the same endpoint Dead, so a restart
/// is a new node that inherits nothing (leases name the incarnation).</item>
/// <item>Each round stamps I-am-alive, probes <see cref="ClusterOptions.ProbedSuccessors"/> ring successors, and after
/// <see cref="ClusterOptions.MissedProbesLimit"/> consecutive misses first asks <see cref="ClusterOptions.IndirectProbes"/>
/// other members to probe the target for it (when one reaches it, the misses reset and no vote is cast), then votes the
/// target suspect; the vote that reaches the needed count writes Dead. No vote while this node's own timers or thread pool lag (<see cref="LocalHealthMonitor"/>).</item>
/// <item>I8: a node that reads itself Dead stops every shard (<see cref="SelfDead"/> callbacks) and completes
/// <see cref="Exited"/> so the host exits; the store never lets a Dead incarnation become Active again.</item>
/// </list>
/// </summary>
public sealed partial class MembershipService : IMembershipView
{
    private const int MaxCasAttempts = 8;
    private readonly IMembershipStore _store;
    private readonly IClusterProbe _probe;
    private readonly ClusterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Random _random;
    private readonly Dictionary<NodeId, int> _missed = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private MembershipSnapshot _current = new(0, []);
    private MemberStatus? _status;
    private long _lastAliveStamp = long.MinValue;

    /// <param name="self">This node (with its incarnation).</param>
    /// <param name="store">The membership table.</param>
    /// <param name="probe">Direct probes of other nodes.</param>
    /// <param name="options">Timing and vote settings.</param>
    /// <param name="time">Local clock (intervals only; votes use database time).</param>
    /// <param name="logger">Logger.</param>
    /// <param name="random">Chooses indirect-probe intermediaries (a shared generator when null; seed one for repeatable tests).</param>
    public MembershipService(NodeId self, IMembershipStore store, IClusterProbe probe, ClusterOptions options, TimeProvider time, ILogger logger, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Self = self ?? throw new ArgumentNullException(nameof(self));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _probe = probe ?? throw new ArgumentNullException(nameof(probe));
        _options = options;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _random = random ?? Random.Shared;
        Health = new LocalHealthMonitor(options.MaxTimerLag, options.MaxThreadPoolLag);
    }

    /// <summary>This node.</summary>
    public NodeId Self { get; }

    /// <summary>The local-health veto; the membership loop reports its lag here.</summary>
    public LocalHealthMonitor Health { get; }

    /// <inheritdoc />
    public MembershipSnapshot Current => Volatile.Read(ref _current);

    /// <summary>This node's status as last written or read; null before joining.</summary>
    public MemberStatus? SelfStatus => _status;

    /// <inheritdoc />
    public bool SelfActive => _status == MemberStatus.Active;

    /// <summary>Completes when this incarnation is finished (read itself Dead, or left): the host should exit.</summary>
    public Task Exited => _exited.Task;

    /// <summary>Run (once) when this node reads itself Dead, before <see cref="Exited"/> completes: stop every shard here.</summary>
    public Func<CancellationToken, Task>? SelfDead { get; set; }

    /// <summary>Writes this node as Joining (marking older incarnations of its endpoint Dead first).</summary>
    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        var snapshot = await RefreshAsync(cancellationToken);
        foreach (var old in snapshot.Members.Where(m => m.Node.Endpoint == Self.Endpoint && m.Node.Incarnation < Self.Incarnation && m.Status != MemberStatus.Dead))
        {
            await ChangeAsync(old.Node, row => row is null || row.Status == MemberStatus.Dead ? null : row with { Status = MemberStatus.Dead }, cancellationToken);
        }

        var now = await _store.DatabaseNowAsync(cancellationToken);
        var joining = new MemberRow(Self, _options.Address, MemberStatus.Joining, [], _options.AppVersion, now, now);
        if (!await ChangeAsync(Self, row => row is null ? joining : null, cancellationToken))
        {
            throw new InvalidOperationException($"could not join as {Self}: the incarnation is already in the membership table");
        }

        SetStatus(MemberStatus.Joining);
    }

    /// <summary>Moves this node from Joining to Active; from then on it takes shards.</summary>
    public Task ActivateAsync(CancellationToken cancellationToken) =>
        MoveSelfAsync(MemberStatus.Joining, MemberStatus.Active, cancellationToken);

    /// <summary>Marks this node ShuttingDown (it takes no shards and the rebalancer stops using it).</summary>
    public Task BeginLeavingAsync(CancellationToken cancellationToken) =>
        MoveSelfAsync(MemberStatus.Active, MemberStatus.ShuttingDown, cancellationToken);

    /// <summary>Ends a graceful leave: this incarnation is written Dead (it never comes back) and <see cref="Exited"/> completes.</summary>
    public async Task FinishLeavingAsync(CancellationToken cancellationToken)
    {
        await ChangeAsync(Self, row => row is null || row.Status == MemberStatus.Dead ? null : row with { Status = MemberStatus.Dead }, cancellationToken);
        SetStatus(MemberStatus.Dead);
        _exited.TrySetResult();
    }

    private async Task MoveSelfAsync(MemberStatus from, MemberStatus to, CancellationToken cancellationToken)
    {
        var moved = await ChangeAsync(Self, row => row?.Status == from ? row with { Status = to } : null, cancellationToken);
        var snapshot = await RefreshAsync(cancellationToken);
        if (!moved && snapshot.Find(Self)?.Status != to)
        {
            throw new InvalidOperationException($"{Self} cannot move from {from} to {to}: it is {snapshot.Find(Self)?.Status.ToString() ?? "not a member"}");
        }

        SetStatus(to);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to <paramref name="node"/>'s row with compare-and-set, re-reading on conflict.
    /// The change returns null when nothing is to be written (the fresh row already says enough). True when written.
    /// </summary>
    private async Task<bool> ChangeAsync(NodeId node, Func<MemberRow?, MemberRow?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxCasAttempts; attempt++)
        {
            var snapshot = await RefreshAsync(cancellationToken);
            if (change(snapshot.Find(node)) is not { } row)
            {
                return false;
            }

            if (await _store.TryWriteAsync(row, snapshot.Version, cancellationToken))
            {
                ClusterLog.MemberStatusWritten(_logger, node.ToString(), row.Status);
                await RefreshAsync(cancellationToken); // the view includes our own change
                return true;
            }
        }

        return false;
    }

    private async Task<MembershipSnapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _store.ReadAsync(cancellationToken);
        Volatile.Write(ref _current, snapshot);
        return snapshot;
    }

    private void SetStatus(MemberStatus status)
    {
        if (_status != MemberStatus.Dead)
        {
            _status = status;
        }
    }
}
