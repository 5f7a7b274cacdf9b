namespace ActorTrust.Runtime.Cluster;

/// <summary>
/// The local-health veto (Orleans' LocalSiloHealthMonitor, after Lifeguard): a node whose own timers run late, or
/// whose thread pool takes long to start queued work, is more likely the sick one, so it must not vote others dead.
/// Each membership round reports how late it started and how long a work item waited for a pool thread.
/// </summary>
public sealed class LocalHealthMonitor(TimeSpan maxTimerLag, TimeSpan maxThreadPoolLag)
{
    private long _lastLagTicks;
    private long _lastPoolLagTicks;

    /// <summary>A monitor with the default thread-pool bound of one second.</summary>
    public LocalHealthMonitor(TimeSpan maxTimerLag)
        : this(maxTimerLag, TimeSpan.FromSeconds(1))
    {
    }

    /// <summary>The timer lag of the last round.</summary>
    public TimeSpan LastLag => TimeSpan.FromTicks(Interlocked.Read(ref _lastLagTicks));

    /// <summary>How long the last measured work item waited for a thread-pool thread.</summary>
    public TimeSpan LastThreadPoolLag => TimeSpan.FromTicks(Interlocked.Read(ref _lastPoolLagTicks));

    /// <summary>True while the last round started within the allowed timer lag and the pool started work within its bound.</summary>
    public bool IsHealthy => LastLag <= maxTimerLag && LastThreadPoolLag <= maxThreadPoolLag;

    /// <summary>Records how late a round started (negative values count as on time).</summary>
    public void Observe(TimeSpan lag) => Interlocked.Exchange(ref _lastLagTicks, Math.Max(0, lag.Ticks));

    /// <summary>Records how long a queued work item waited for a pool thread (negative values count as none).</summary>
    public void ObserveThreadPool(TimeSpan lag) => Interlocked.Exchange(ref _lastPoolLagTicks, Math.Max(0, lag.Ticks));

    /// <summary>Queues an empty work item on the thread pool and records how long it took to start, on <paramref name="time"/>.</summary>
    public async Task MeasureThreadPoolAsync(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var queued = time.GetTimestamp();
        var started = await Task.Factory.StartNew(time.GetTimestamp, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        ObserveThreadPool(time.GetElapsedTime(queued, started));
    }
}
