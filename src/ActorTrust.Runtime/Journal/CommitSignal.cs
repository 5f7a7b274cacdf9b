namespace ActorTrust.Runtime.Journal;

/// <summary>
/// Lets feed readers wait for the next commit instead of polling: <see cref="NextAsync"/> completes at the next
/// <see cref="Pulse"/>. The group-commit writer pulses after every committed batch.
/// </summary>
public sealed class CommitSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when something commits after this call, or when cancelled.</summary>
    public Task NextAsync(CancellationToken cancellationToken) => Volatile.Read(ref _next).Task.WaitAsync(cancellationToken);

    /// <summary>Wakes every waiter.</summary>
    public void Pulse() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
