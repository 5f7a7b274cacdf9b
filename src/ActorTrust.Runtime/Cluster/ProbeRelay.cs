namespace ActorTrust.Runtime.Cluster;

/// <summary>
/// The intermediary's side of an indirect probe: another node asks this one to probe a target on its behalf. The
/// probe goes out on this node's own <see cref="IClusterProbe"/>, bounded by the asker's budget and never longer than
/// this node's own probe timeout. Only a live member in this node's membership view is probed, so an authenticated
/// peer cannot point this node at arbitrary addresses.
/// </summary>
/// <param name="probe">This node's probes.</param>
/// <param name="members">This node's membership view.</param>
/// <param name="maxTimeout">The longest probe this node makes for another (its probe timeout).</param>
/// <param name="time">The clock the timeout runs on.</param>
public sealed class ProbeRelay(IClusterProbe probe, IMembershipView members, TimeSpan maxTimeout, TimeProvider time)
{
    /// <summary>The longest probe this node makes for another.</summary>
    public TimeSpan MaxTimeout => maxTimeout;

    /// <summary>True when <paramref name="target"/> is a live (not Dead) member in this node's view, so it may be probed for another.</summary>
    public bool MayProbe(NodeId target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return members.Current.Find(target) is { Status: not MemberStatus.Dead };
    }

    /// <summary>
    /// Probes <paramref name="target"/> within <paramref name="timeout"/> (capped at <see cref="MaxTimeout"/>): true when
    /// it answered as that exact incarnation. Throws <see cref="ArgumentException"/> for a non-positive timeout or a target
    /// that <see cref="MayProbe"/> refuses.
    /// </summary>
    public async Task<bool> ProbeAsync(NodeId target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"an indirect probe needs a positive timeout, got {timeout}", nameof(timeout));
        }

        if (!MayProbe(target))
        {
            throw new ArgumentException($"{target} is not a live member known to this node", nameof(target));
        }

        using var bound = new CancellationTokenSource(timeout < maxTimeout ? timeout : maxTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(bound.Token, cancellationToken);
        try
        {
            return await probe.ProbeAsync(target, linked.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
