using Microsoft.Extensions.Logging;

namespace ActorTrust.Runtime.Cluster;

/// <summary>
/// Runs one round of a cluster service every interval on the injected clock, until stopped. A failed round is
/// logged and the next one runs anyway (the services are stateless between rounds, so a restart is harmless —
/// the lesson of Akka #7366). The owner awaits <see cref="StopAsync"/>; nothing is left running unsupervised.
/// </summary>
internal sealed class PeriodicLoop(string name, TimeSpan interval, Func<CancellationToken, Task> round, TimeProvider time, ILogger logger)
{
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
            try
            {
                await round(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                ClusterLog.LoopFailed(logger, name, ex);
            }

            try
            {
                DueAt = time.GetTimestamp() + Monotonic.Ticks(interval, time);
                await Task.Delay(interval, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
