namespace ActorTrust.TestKit.MultiNode;

/// <summary>
/// One test node's clock: real time underneath, with two faults a conductor can inject. <see cref="Pause"/> holds
/// every timer callback (periodic loops, <c>Task.Delay</c>, cancellation deadlines created on this clock) until
/// <see cref="Resume"/> — a stop-the-world pause as a long GC would cause — while the monotonic clock keeps running,
/// as it does in a real pause. <see cref="Skew"/> shifts the wall clock (<see cref="GetUtcNow"/>) only.
/// </summary>
public sealed class NodeClock(TimeProvider inner) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly HashSet<HeldCallback> _held = [];
    private bool _paused;
    private long _skewTicks;

    /// <summary>A clock over the system clock.</summary>
    public NodeClock()
        : this(System)
    {
    }

    /// <summary>How far this node's wall clock is off real time.</summary>
    public TimeSpan Skew
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _skewTicks));
        set => Interlocked.Exchange(ref _skewTicks, value.Ticks);
    }

    /// <summary>True between <see cref="Pause"/> and <see cref="Resume"/>.</summary>
    public bool IsPaused
    {
        get
        {
            lock (_gate)
            {
                return _paused;
            }
        }
    }

    /// <inheritdoc />
    public override long TimestampFrequency => inner.TimestampFrequency;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Skew;

    /// <inheritdoc />
    public override long GetTimestamp() => inner.GetTimestamp();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var held = new HeldCallback(callback, state);
        return inner.CreateTimer(_ => Fire(held), null, dueTime, period);
    }

    /// <summary>Holds every timer callback from now on (each held timer fires once on <see cref="Resume"/>).</summary>
    public void Pause()
    {
        lock (_gate)
        {
            _paused = true;
        }
    }

    /// <summary>Lets timers fire again, first the ones that came due during the pause.</summary>
    public void Resume()
    {
        HeldCallback[] due;
        lock (_gate)
        {
            _paused = false;
            due = [.. _held];
            _held.Clear();
        }

        foreach (var callback in due)
        {
            ThreadPool.UnsafeQueueUserWorkItem(c => c.Run(), callback, preferLocal: false);
        }
    }

    private void Fire(HeldCallback callback)
    {
        lock (_gate)
        {
            if (_paused)
            {
                _held.Add(callback);
                return;
            }
        }

        callback.Run();
    }

    private sealed class HeldCallback(TimerCallback callback, object? state)
    {
        public void Run() => callback(state);
    }
}
