using Microsoft.Extensions.Logging;

namespace ActorTrust.Runtime.Cluster;

/// <summary>
/// Runs one round of a cluster service every interval on the injected clock, until stopped. A failed round is
/// logged and the next one runs anyway (the services are stateless between rounds, so a restart is harmless —
/// the lesson of Akka #7366). The owner awaits <see cref="StopAsync"/>; nothing is left running unsupervised.
/// Between two rounds, <paramref name="lookAt"/> may name an earlier moment (a monotonic timestamp) at which
/// <paramref name="look"/> runs; the rounds keep their own schedule.
/// </summary>
internal sealed class PeriodicLoop(
    string name, TimeSpan interval, Func<CancellationToken, Task> round, TimeProvider time, ILogger logger,
    Func<long?>? lookAt = null, Func<CancellationToken, Task>? look = null)
{
    /// <summary>Two looks between rounds are at least this far apart, whatever <c>lookAt</c> says.</summary>
    private static readonly TimeSpan MinLookSpacing = TimeSpan.FromMilliseconds(20);

    private readonly CancellationTokenSource _stop = new();
    private Task? _running;
    private int _stopped;

    /// <summary>Monotonic timestamp at which the current round was due (for timer-lag measurement).</summary>
    /// <remarks>Read by the round it starts; a round measures its own lag as now − DueAt.</remarks>
    public long DueAt { get; private set; }

    public void Start()
    {
        if (_running is null && Volatile.Read(ref _stopped) == 0)
        {
            DueAt = time.GetTimestamp();
            _running = RunAsync(_stop.Token);
        }
    }

    /// <summary>Stops the loop and waits for the running round; calling it again does nothing.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running;
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!await RunGuardedAsync(round, cancellationToken))
            {
                return;
            }

            DueAt = time.GetTimestamp() + Monotonic.Ticks(interval, time);
            try
            {
                while (EarlyLook() is { } at)
                {
                    await Task.Delay(Until(at), time, cancellationToken);
                    if (!await RunGuardedAsync(look!, cancellationToken))
                    {
                        return;
                    }
                }

                await Task.Delay(Until(DueAt), time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The next look, when one is asked for before the next round is due.</summary>
    private long? EarlyLook()
    {
        if (lookAt?.Invoke() is not { } at || look is null)
        {
            return null;
        }

        var earliest = time.GetTimestamp() + Monotonic.Ticks(MinLookSpacing, time);
        var next = Math.Max(at, earliest);
        return next < DueAt ? next : null;
    }

    private TimeSpan Until(long timestamp)
    {
        var now = time.GetTimestamp();
        return timestamp > now ? TimeSpan.FromSeconds((timestamp - now) / (double)time.TimestampFrequency) : TimeSpan.Zero;
    }

    /// <summary>Runs one round or look; false when the loop is stopping.</summary>
    private async Task<bool> RunGuardedAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await work(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ClusterLog.LoopFailed(logger, name, ex);
        }

        return !cancellationToken.IsCancellationRequested;
    }
}
