using Microsoft.Extensions.Logging;

namespace ActorTrust.Runtime.Audit;

/// <summary>
/// Runs a <see cref="JournalCheckpointer"/> every <see cref="JournalCheckpointerOptions.CheckpointInterval"/> on
/// the injected clock; <see cref="RunAsync"/> is the body of a hosted service. A failed checkpoint is logged and
/// the next tick tries again; ticks missed while one runs are coalesced, never queued.
/// </summary>
public sealed partial class PeriodicCheckpointer(
    JournalCheckpointer checkpointer, JournalCheckpointerOptions options, TimeProvider time, ILogger<PeriodicCheckpointer> logger)
{
    /// <summary>Called after each checkpoint is stored (a sync point for tests and metrics).</summary>
    public Action<StoredCheckpoint>? Stored { get; init; }

    /// <summary>Checkpoints on every tick until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // Created before the first await, so a tick can never be missed by a caller that advances the clock next.
        using var timer = new PeriodicTimer(options.CheckpointInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await TickAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await checkpointer.CheckpointAsync(cancellationToken) is { } stored)
            {
                Stored?.Invoke(stored);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
        {
            LogCheckpointFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "Journal checkpoint failed; retrying on the next tick")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
