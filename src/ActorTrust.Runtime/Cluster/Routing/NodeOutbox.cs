using System.Threading.Channels;
using ActorTrust.Runtime.Cluster.Transport;

namespace ActorTrust.Runtime.Cluster.Routing;

/// <summary>
/// The envelopes waiting to go to one other node: a bounded queue (I9: a full queue refuses, it never drops) and one
/// pump that sends whatever has gathered as a single batch, so concurrent commands to the same node share requests.
/// A batch send is cancelled once every envelope in it has been given up by its caller.
/// </summary>
internal sealed class NodeOutbox : IAsyncDisposable
{
    private readonly ClusterPeer _target;
    private readonly IClusterTransport _transport;
    private readonly int _maxBatch;
    private readonly Channel<Pending> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pump;

    public NodeOutbox(ClusterPeer target, IClusterTransport transport, int capacity, int maxBatch)
    {
        _target = target;
        _transport = transport;
        _maxBatch = maxBatch;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _pump = Task.Run(PumpAsync);
    }

    public ClusterPeer Target => _target;

    /// <summary>Queues an envelope; null when the queue is full.</summary>
    public Task<DeliveryAnswer>? TryEnqueue(ClusterEnvelope envelope, CancellationToken cancellationToken)
    {
        var pending = new Pending(envelope, cancellationToken);
        return _queue.Writer.TryWrite(pending) ? pending.Answer.Task.WaitAsync(cancellationToken) : null;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _pump;
        _stopping.Dispose();
    }

    private async Task PumpAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping.Token))
            {
                batch.Clear();
                while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var next))
                {
                    if (!next.Token.IsCancellationRequested)
                    {
                        batch.Add(next);
                    }
                }

                if (batch.Count > 0)
                {
                    await SendAsync(batch);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }

        var stopped = new ObjectDisposedException(nameof(NodeOutbox), $"the outbox to {_target.Node} is closed");
        while (_queue.Reader.TryRead(out var left))
        {
            left.Answer.TrySetException(stopped);
        }
    }

    private async Task SendAsync(List<Pending> batch)
    {
        using var abandoned = new AllAbandoned(batch.Count, _stopping.Token);
        var registrations = batch.Select(p => p.Token.Register(abandoned.OneGaveUp)).ToList();
        try
        {
            var reply = await _transport.SendAsync(_target, new DeliveryBatch(batch.Select(p => p.Envelope).ToList()), abandoned.Token);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Answer.TrySetResult(reply.Answers[i]);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var failure = ex is OperationCanceledException or ClusterTransportException
                ? ex
                : new ClusterTransportException($"sending to {_target.Node} failed: {ex.Message}", ex);
            batch.ForEach(p => p.Answer.TrySetException(failure));
        }
        finally
        {
            registrations.ForEach(r => r.Dispose());
        }
    }

    private sealed record Pending(ClusterEnvelope Envelope, CancellationToken Token)
    {
        public TaskCompletionSource<DeliveryAnswer> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A token that fires when every caller in a batch has given up, or the outbox stops.</summary>
    private sealed class AllAbandoned(int waiting, CancellationToken stopping) : IDisposable
    {
        private readonly CancellationTokenSource _source = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        private int _waiting = waiting;

        public CancellationToken Token => _source.Token;

        public void OneGaveUp()
        {
            if (Interlocked.Decrement(ref _waiting) == 0)
            {
                try
                {
                    _source.Cancel();
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }

        public void Dispose() => _source.Dispose();
    }
}
