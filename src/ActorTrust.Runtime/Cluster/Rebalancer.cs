using Microsoft.Extensions.Logging;

namespace ActorTrust.Runtime.Cluster;

/// <summary>What one rebalance round did.</summary>
public enum RebalanceOutcome
{
    /// <summary>This node is not Active, so it does not coordinate.</summary>
    Inactive,

    /// <summary>Another node holds the coordinator lease.</summary>
    NotCoordinator,

    /// <summary>The guard said it is not a good time (see <see cref="RebalanceRound.Reason"/>).</summary>
    Skipped,

    /// <summary>The plan was computed and its hints written (possibly none).</summary>
    Planned,

    /// <summary>A hint write was refused: this node was deposed as coordinator mid-round.</summary>
    Fenced,
}

/// <summary>The result of one round: its outcome, why it was skipped, and the hints written.</summary>
public sealed record RebalanceRound(RebalanceOutcome Outcome, string? Reason, IReadOnlyList<ShardMove> Moves);

/// <summary>
/// The rebalancer: runs only on the holder of the coordinator lease and only ever writes <c>desired_owner</c> hints
/// through the fenced <see cref="IClusterLeaseStore.SetDesiredOwnerAsync"/>. It never writes an owner, so it can be
/// wrong, duplicated or deposed without breaking single-writer safety (engines.md §8.1 rule 1). It keeps no state
/// between rounds (Akka #7366): every round re-reads the tables.
/// </summary>
public sealed class Rebalancer
{
    private readonly string _self;
    private readonly IClusterLeaseStore _leases;
    private readonly IMembershipStore _members;
    private readonly IMembershipView _membership;
    private readonly ClusterOptions _options;
    private readonly ILogger _logger;
    private readonly CoordinatorLease _coordinator;

    /// <param name="self">This node.</param>
    /// <param name="leases">The lease table.</param>
    /// <param name="members">The membership table (read fresh each round, and the database clock).</param>
    /// <param name="membership">Whether this node is Active.</param>
    /// <param name="options">Limits and timing.</param>
    /// <param name="time">Local monotonic clock for the coordinator lease's deadline.</param>
    /// <param name="logger">Logger.</param>
    public Rebalancer(NodeId self, IClusterLeaseStore leases, IMembershipStore members, IMembershipView membership,
        ClusterOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _self = self.ToString();
        _leases = leases ?? throw new ArgumentNullException(nameof(leases));
        _members = members ?? throw new ArgumentNullException(nameof(members));
        _membership = membership ?? throw new ArgumentNullException(nameof(membership));
        _options = options;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _coordinator = new CoordinatorLease(leases, _self, options, time ?? throw new ArgumentNullException(nameof(time)));
    }

    /// <summary>True while this node holds the coordinator lease by its local deadline.</summary>
    public bool IsCoordinator => _coordinator.Token is not null;

    /// <summary>One round: hold the coordinator lease, check the guard, plan per kind, write hints.</summary>
    public async Task<RebalanceRound> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!_membership.SelfActive)
        {
            return new RebalanceRound(RebalanceOutcome.Inactive, null, []);
        }

        if (await _coordinator.EnsureAsync(cancellationToken) is not { } token)
        {
            return new RebalanceRound(RebalanceOutcome.NotCoordinator, null, []);
        }

        var snapshot = await _members.ReadAsync(cancellationToken);
        var rows = await _leases.ReadAllAsync(cancellationToken);
        var now = await _members.DatabaseNowAsync(cancellationToken);
        var active = snapshot.Members.Where(m => m.Status == MemberStatus.Active).Select(m => m.Node.ToString()).ToHashSet(StringComparer.Ordinal);

        // A hint to a node that can no longer take it up would block every later round: withdraw it.
        var stale = rows.Where(r => RebalanceGuard.InHandoff(r) && !active.Contains(r.DesiredOwner!)).ToList();
        foreach (var row in stale)
        {
            if (!await _leases.SetDesiredOwnerAsync(row.Kind, row.Shard, null, _self, token, cancellationToken))
            {
                return Deposed([]);
            }
        }

        if (stale.Count > 0)
        {
            return new RebalanceRound(RebalanceOutcome.Skipped, "withdrew hints to members that left", []);
        }

        if (RebalanceGuard.WhyNot(snapshot, rows, now, _options.DeathVoteExpiration) is { } reason)
        {
            return new RebalanceRound(RebalanceOutcome.Skipped, reason, []);
        }

        var members = active.Order(StringComparer.Ordinal).ToList();
        var written = new List<ShardMove>();
        foreach (var (kind, numShards) in await _leases.ReadKindsAsync(cancellationToken))
        {
            if (kind == ClusterLeaseStore.CoordinatorKind)
            {
                continue;
            }

            foreach (var move in LeastShardPlan.Plan(kind, numShards, rows, members, now, _options.RebalanceLimit(numShards)))
            {
                if (!await _leases.SetDesiredOwnerAsync(move.Kind, move.Shard, move.To, _self, token, cancellationToken))
                {
                    return Deposed(written);
                }

                ClusterLog.RebalanceHint(_logger, move.Kind, move.Shard, move.From, move.To);
                written.Add(move);
            }
        }

        return new RebalanceRound(RebalanceOutcome.Planned, null, written);
    }

    /// <summary>Gives the coordinator lease up so another node coordinates at once (graceful shutdown).</summary>
    public Task StepDownAsync(CancellationToken cancellationToken) => _coordinator.ReleaseAsync(cancellationToken);

    private RebalanceRound Deposed(IReadOnlyList<ShardMove> written)
    {
        _coordinator.Drop();
        ClusterLog.CoordinatorFenced(_logger);
        return new RebalanceRound(RebalanceOutcome.Fenced, null, written);
    }
}
