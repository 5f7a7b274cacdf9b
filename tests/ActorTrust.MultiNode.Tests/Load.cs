using System.Collections.Concurrent;
using ActorTrust.Runtime.Entities;
using ActorTrust.TestKit.MultiNode;

namespace ActorTrust.MultiNode.Tests;

/// <summary>Client load for a spec: loops that send deposits from given nodes until stopped, counting acks and failures.</summary>
internal sealed class Load : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private int _next;

    public Load(IReadOnlyList<TestNode> from, IReadOnlyList<string> entities, TimeSpan? deadline = null, int loopsPerNode = 1)
    {
        foreach (var node in from)
        {
            for (var l = 0; l < loopsPerNode; l++)
            {
                _loops.Add(Task.Run(() => RunAsync(node, entities, deadline ?? TimeSpan.FromSeconds(20))));
            }
        }
    }

    public ConcurrentBag<(string EntityId, string CommandId)> Acked { get; } = [];

    public ConcurrentBag<string> Failures { get; } = [];

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(TestNode node, IReadOnlyList<string> entities, TimeSpan deadline)
    {
        while (!_stop.IsCancellationRequested)
        {
            var n = Interlocked.Increment(ref _next);
            var entity = entities[n % entities.Count];
            var commandId = $"load-{n}";
            try
            {
                var result = await node.DepositAsync(entity, 1, commandId, deadline);
                if (result.Status == CommandStatus.Accepted)
                {
                    Acked.Add((entity, commandId));
                }
                else
                {
                    Failures.Add($"{commandId} to {entity} from {node.Name}: {result.Status}");
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Failures.Add($"{commandId} to {entity} from {node.Name}: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }
}
