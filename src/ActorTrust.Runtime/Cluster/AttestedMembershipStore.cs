using Microsoft.Extensions.Logging;

namespace ActorTrust.Runtime.Cluster;

/// <summary>
/// The membership table as a secure node sees it: rows whose attestation does not hold (no signature, a certificate
/// from another CA or not naming the node, a signature over other content: a changed incarnation or address) are left
/// out of every read, so such a "member" is never probed, routed to, planned a shard by the rebalancer, or found as
/// a lease owner; and suspicion votes cast in the name of a node that is not an attested member are dropped before
/// they are counted. This node's own rows are signed on every write, and re-signed after its certificate rotates.
/// What the database itself still allows (anyone with its credentials can change statuses, votes and leases) is
/// listed in <c>ops/sql/README.md</c>.
/// </summary>
public sealed partial class AttestedMembershipStore : IMembershipStore
{
    private readonly IMembershipStore _inner;
    private readonly NodeId _self;
    private readonly IMemberAttestor _attestor;
    private readonly ILogger _logger;
    private readonly HashSet<(string, string)> _reported = [];

    /// <param name="inner">The table as stored.</param>
    /// <param name="self">This node.</param>
    /// <param name="attestor">Signs this node's rows and checks all rows.</param>
    /// <param name="logger">Where ignored rows are reported (once per row and reason).</param>
    public AttestedMembershipStore(IMembershipStore inner, NodeId self, IMemberAttestor attestor, ILogger logger)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _self = self ?? throw new ArgumentNullException(nameof(self));
        _attestor = attestor ?? throw new ArgumentNullException(nameof(attestor));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>How many times a row was left out of a read since start (for tests and metrics).</summary>
    public int IgnoredRows { get; private set; }

    /// <inheritdoc />
    public async Task<MembershipSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _inner.ReadAsync(cancellationToken);
        if (snapshot.Find(_self) is { Status: not MemberStatus.Dead } own && (own.Attestation is null || !_attestor.IsCurrent(own.Attestation)))
        {
            // This node's certificate rotated (or its row lost its attestation): sign the row again with the current one.
            // A lost compare-and-set is retried on the next read.
            if (await _inner.TryWriteAsync(Signed(own), snapshot.Version, cancellationToken))
            {
                snapshot = await _inner.ReadAsync(cancellationToken);
            }
        }

        return Attested(snapshot);
    }

    /// <inheritdoc />
    public Task<bool> TryWriteAsync(MemberRow row, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        return _inner.TryWriteAsync(row.Node == _self ? Signed(row) : row, expectedVersion, cancellationToken);
    }

    /// <inheritdoc />
    public Task UpdateIAmAliveAsync(NodeId node, CancellationToken cancellationToken) => _inner.UpdateIAmAliveAsync(node, cancellationToken);

    /// <inheritdoc />
    public Task<DateTimeOffset> DatabaseNowAsync(CancellationToken cancellationToken) => _inner.DatabaseNowAsync(cancellationToken);

    private MemberRow Signed(MemberRow row) =>
        row.Attestation is { } current && _attestor.IsCurrent(current) && _attestor.Refuse(row) is null
            ? row
            : row with { Attestation = _attestor.Attest(row.Node, row.Address) };

    private MembershipSnapshot Attested(MembershipSnapshot snapshot)
    {
        var kept = new List<MemberRow>(snapshot.Members.Count);
        foreach (var row in snapshot.Members)
        {
            if (_attestor.Refuse(row) is { } refused)
            {
                Report(row, refused);
                continue;
            }

            kept.Add(row);
        }

        var members = kept.Select(m => m.Node.ToString()).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < kept.Count; i++)
        {
            if (kept[i].SuspectVotes.Any(v => !members.Contains(v.Voter)))
            {
                kept[i] = kept[i] with { SuspectVotes = [.. kept[i].SuspectVotes.Where(v => members.Contains(v.Voter))] };
            }
        }

        return new MembershipSnapshot(snapshot.Version, kept);
    }

    private void Report(MemberRow row, string reason)
    {
        lock (_reported)
        {
            IgnoredRows++;
            if (_reported.Add((row.Node.ToString(), reason)))
            {
                LogIgnored(_logger, row.Node.ToString(), row.Address, reason);
            }
        }
    }

    [LoggerMessage(EventId = 1740, Level = LogLevel.Warning, Message = "Membership row of {Node} at {Address} is not attested and is ignored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string node, string address, string reason);
}
