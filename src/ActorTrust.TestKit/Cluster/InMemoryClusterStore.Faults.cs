using ActorTrust.Runtime.Cluster;

namespace ActorTrust.TestKit.Cluster;

/// <summary>Fault hooks of <see cref="InMemoryClusterStore"/>, acting on the calls of one node's connection.</summary>
public sealed partial class InMemoryClusterStore
{
    private readonly HashSet<NodeId> _isolated = [];
    private readonly Dictionary<NodeId, TaskCompletionSource> _hung = [];

    /// <summary>The tables as seen by <paramref name="node"/>: its calls fail while isolated and wait while hung.</summary>
    public InMemoryClusterConnection ConnectionFor(NodeId node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new InMemoryClusterConnection(this, node);
    }

    /// <summary>Every later call from <paramref name="node"/> throws <see cref="IOException"/> until <see cref="Reconnect"/>.</summary>
    public void IsolateNode(NodeId node)
    {
        lock (_gate)
        {
            _isolated.Add(node);
        }
    }

    /// <summary>Ends <see cref="IsolateNode"/>.</summary>
    public void Reconnect(NodeId node)
    {
        lock (_gate)
        {
            _isolated.Remove(node);
        }
    }

    /// <summary>Every later call from <paramref name="node"/> waits (unexecuted) until <see cref="Release"/>; then it runs at that database time.</summary>
    public void Hang(NodeId node)
    {
        lock (_gate)
        {
            if (!_hung.ContainsKey(node))
            {
                _hung[node] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Lets the calls held by <see cref="Hang"/> run.</summary>
    public void Release(NodeId node)
    {
        TaskCompletionSource? hung;
        lock (_gate)
        {
            if (_hung.Remove(node, out hung))
            {
                hung.TrySetResult();
            }
        }
    }

    /// <summary>Applies the node's faults before one of its calls.</summary>
    internal async Task EnterAsync(NodeId node, CancellationToken cancellationToken)
    {
        Task? wait;
        lock (_gate)
        {
            wait = _hung.TryGetValue(node, out var hung) ? hung.Task : null;
        }

        if (wait is not null)
        {
            await wait.WaitAsync(cancellationToken);
        }

        lock (_gate)
        {
            if (_isolated.Contains(node))
            {
                throw new IOException($"{node} is isolated from the database");
            }
        }
    }
}
