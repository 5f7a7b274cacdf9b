namespace ActorTrust.Runtime.Cluster;

/// <summary>
/// The local-health veto (Orleans' LocalSiloHealthMonitor, after Lifeguard): a node whose own timers run late is
/// more likely the sick one, so it must not vote others dead. Each membership round reports how late it started.
/// </summary>
public sealed class LocalHealthMonitor(TimeSpan maxTimerLag)
{
    private long _lastLagTicks;

    /// <summary>The lag of the last round.</summary>
    public TimeSpan LastLag => TimeSpan.FromTicks(Interlocked.Read(ref _lastLagTicks));

    /// <summary>True while the last round started within the allowed lag.</summary>
    public bool IsHealthy => LastLag <= maxTimerLag;

    /// <summary>Records how late a round started (negative values count as on time).</summary>
    public void Observe(TimeSpan lag) => Interlocked.Exchange(ref _lastLagTicks, Math.Max(0, lag.Ticks));
}
