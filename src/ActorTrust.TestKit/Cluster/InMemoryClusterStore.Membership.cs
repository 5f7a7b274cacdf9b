using ActorTrust.Runtime.Cluster;

namespace ActorTrust.TestKit.Cluster;

/// <summary>The membership table of <see cref="InMemoryClusterStore"/>.</summary>
public sealed partial class InMemoryClusterStore
{
    /// <summary>The version row: it grows by one on every status or vote change.</summary>
    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <inheritdoc />
    public Task<MembershipSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(new MembershipSnapshot(_version, [.. _members.Values.OrderBy(m => m.Node.ToString(), StringComparer.Ordinal)]));
        }
    }

    /// <inheritdoc />
    public Task<bool> TryWriteAsync(MemberRow row, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        lock (_gate)
        {
            if (_version != expectedVersion
                || (_members.TryGetValue(row.Node, out var existing) && existing.Status == MemberStatus.Dead && row.Status != MemberStatus.Dead))
            {
                return Task.FromResult(false);
            }

            // As in PostgreSQL: a rewrite without an attestation (another node's vote) keeps the member's own one.
            _members[row.Node] = row.Attestation is null && existing?.Attestation is { } attestation ? row with { Attestation = attestation } : row;
            _version++;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task UpdateIAmAliveAsync(NodeId node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_gate)
        {
            if (_members.TryGetValue(node, out var row))
            {
                _members[node] = row with { IAmAliveAt = Now };
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<DateTimeOffset> DatabaseNowAsync(CancellationToken cancellationToken) => Task.FromResult(Now);

    /// <summary>One member's row, or null (test assertions).</summary>
    public MemberRow? Member(NodeId node)
    {
        lock (_gate)
        {
            return _members.GetValueOrDefault(node);
        }
    }
}
