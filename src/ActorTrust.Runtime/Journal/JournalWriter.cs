using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ActorTrust.Runtime.Journal;

/// <summary>
/// Node-level group commit: appends from many entities queue here and are written together, one journal
/// transaction per batch. Batching is natural — whatever queued while the previous transaction ran goes into
/// the next, up to <see cref="JournalWriterOptions.MaxBatchEvents"/> — so a lone writer pays no added latency.
/// Each entity has at most one append in flight, so per-stream order is kept. With
/// <see cref="JournalWriterOptions.Loops"/> above one, that many transactions run side by side (for a server
/// database, whose commits overlap); every stream always goes through the same loop (chosen by the hash of its
/// persistence id), so its appends still commit in order.
/// </summary>
public sealed partial class JournalWriter : IAsyncDisposable
{
    private readonly IJournal _journal;
    private readonly JournalWriterOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<PendingAppend>[] _queues;
    private readonly Task[] _loops;
    private readonly CancellationTokenSource _stop = new();

    public JournalWriter(IJournal journal, JournalWriterOptions options, ILogger<JournalWriter> logger, CommitSignal? committed = null)
    {
        Committed = committed ?? new CommitSignal();
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _journal = journal;
        _options = options;
        _logger = logger;
        _queues = new Channel<PendingAppend>[options.Loops];
        _loops = new Task[options.Loops];
        for (var i = 0; i < options.Loops; i++)
        {
            var queue = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(Math.Max(1, options.QueueCapacity / options.Loops))
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            _queues[i] = queue;
            _loops[i] = Task.Run(() => RunAsync(queue));
        }
    }

    /// <summary>Pulsed after every committed batch.</summary>
    public CommitSignal Committed { get; }

    /// <summary>Batches committed so far (for metrics and tests).</summary>
    public long BatchesWritten => Interlocked.Read(ref _batches);

    /// <summary>Stream appends waiting for the next transaction.</summary>
    public int QueuedForTesting => _queues.Sum(q => q.Reader.Count);

    private long _batches;

    /// <summary>Queues one stream append and completes when its transaction has committed (or failed).</summary>
    public async Task<AppendOutcome> AppendAsync(StreamAppend append, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(append);
        var pending = new PendingAppend(append);
        await QueueOf(append.PersistenceId).Writer.WriteAsync(pending, cancellationToken);
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private Channel<PendingAppend> QueueOf(string persistenceId)
    {
        if (_queues.Length == 1)
        {
            return _queues[0];
        }

        var maxBytes = System.Text.Encoding.UTF8.GetMaxByteCount(persistenceId.Length);
        var buffer = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var length = System.Text.Encoding.UTF8.GetBytes(persistenceId, buffer);
        return _queues[(int)(Sharding.XxHash32.Hash(buffer[..length]) % (uint)_queues.Length)];
    }

    private async Task RunAsync(Channel<PendingAppend> queue)
    {
        var batch = new List<PendingAppend>();
        try
        {
            while (await queue.Reader.WaitToReadAsync(_stop.Token))
            {
                var events = 0;
                while (events < _options.MaxBatchEvents && queue.Reader.TryRead(out var next))
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
        while (queue.Reader.TryRead(out var left))
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
        foreach (var queue in _queues)
        {
            queue.Writer.TryComplete();
        }

        await Task.WhenAll(_loops);
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
