namespace ActorTrust.TestKit.MultiNode;

/// <summary>An open/closed gate: <see cref="WaitAsync"/> passes while open and waits while closed.</summary>
public sealed class AppendGate
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _open = Opened();
    private int _waiting;

    /// <summary>True while closed.</summary>
    public bool IsClosed
    {
        get
        {
            lock (_lock)
            {
                return !_open.Task.IsCompleted;
            }
        }
    }

    /// <summary>How many callers wait at the closed gate now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Closes the gate (callers arriving from now on wait).</summary>
    public void Close()
    {
        lock (_lock)
        {
            if (_open.Task.IsCompleted)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Opens the gate, releasing every waiting caller.</summary>
    public void Open()
    {
        lock (_lock)
        {
            _open.TrySetResult();
        }
    }

    /// <summary>Waits until the gate is open.</summary>
    public async Task WaitAsync()
    {
        Task open;
        lock (_lock)
        {
            open = _open.Task;
        }

        if (open.IsCompleted)
        {
            return;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            await open;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private static TaskCompletionSource Opened()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tcs.SetResult();
        return tcs;
    }
}
