namespace ActorTrust.Runtime.Journal;

/// <summary>Opening a store (a journal, a cluster store): initialize it, and never leak it when that fails.</summary>
public static class StoreOpening
{
    /// <summary>
    /// Runs <paramref name="initialize"/> on <paramref name="store"/> and returns the store; if initializing fails, the
    /// store is disposed and the error rethrown.
    /// </summary>
    public static async Task<TStore> InitializeOrDisposeAsync<TStore>(
        TStore store, Func<TStore, CancellationToken, Task> initialize, CancellationToken cancellationToken)
        where TStore : IAsyncDisposable
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(initialize);
        try
        {
            await initialize(store, cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }
}
