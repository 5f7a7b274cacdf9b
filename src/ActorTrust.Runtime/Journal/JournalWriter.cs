using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ActorTrust.Runtime.Journal;

/// <summary>
/// Node-level group commit: appends from many entities queue here and are written together, one journal
/// transaction per batch. Batching is natural — whatever queued while the previous transaction ran goes into
/// the next, up to <see cref="JournalWriterOptions.MaxBatchEvents"/> — so a lone writer pays no added latency.
/// Each entity has at most one append in flight, so per-stream order is kept.
/// </summary>
public sealed partial class JournalWriter : IAsyncDisposable
{
    private readonly IJournal _journal;
    private readonly JournalWriterOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<PendingAppend> _queue;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    public JournalWriter(IJournal journal, JournalWriterOptions options, ILogger<JournalWriter> logger, CommitSignal? committed = null)
    {
        Committed = committed ?? new CommitSignal();
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _journal = journal;
        _options = options;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Pulsed after every committed batch.</summary>
    public CommitSignal Committed { get; }

    /// <summary>Batches committed so far (for metrics and tests).</summary>
    public long BatchesWritten => Interlocked.Read(ref _batches);

    /// <summary>Stream appends waiting for the next transaction.</summary>
    public int QueuedForTesting => _queue.Reader.Count;

    private long _batches;

    /// <summary>Queues one stream append and completes when its transaction has committed (or failed).</summary>
    public async Task<AppendOutcome> AppendAsync(StreamAppend append, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(append);
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingAppend>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stop.Token))
            {
                var events = 0;
                while (events < _options.MaxBatchEvents && _queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                    events += next.Append.Events.Count;
                }

                await WriteAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }

        var stopped = new ObjectDisposedException(nameof(JournalWriter), "the journal writer has stopped");
        batch.ForEach(p => p.Completion.TrySetException(stopped));
        while (_queue.Reader.TryRead(out var left))
        {
            left.Completion.TrySetException(stopped);
        }
    }

    private async Task WriteAsync(List<PendingAppend> batch)
    {
        try
        {
            var outcomes = await _journal.AppendAsync([.. batch.Select(p => p.Append)], CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(outcomes[i]);
            }

            Interlocked.Increment(ref _batches);
            Committed.Pulse();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The transaction failed as a whole: nothing of it is applied. Every waiting entity learns of it
            // and stops; recovery from the journal tells the truth afterwards.
            LogBatchFailed(_logger, batch.Count, ex);
            batch.ForEach(p => p.Completion.TrySetException(ex));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        await _stop.CancelAsync();
        _stop.Dispose();
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Journal batch of {StreamCount} stream appends failed; the entities involved stop")]
    private static partial void LogBatchFailed(ILogger logger, int streamCount, Exception exception);

    private sealed class PendingAppend(StreamAppend append)
    {
        public StreamAppend Append { get; } = append;

        public TaskCompletionSource<AppendOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
