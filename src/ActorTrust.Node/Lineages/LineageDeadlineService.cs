using ActorTrust.Core.Lineage;
using ActorTrust.Node.Hosting;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorTrust.Node.Lineages;

/// <summary>
/// At start and then every <c>actortrust.lineage.deadline-check-interval</c>, sends <see cref="CheckDeadlines"/> to each
/// lineage whose lease is past its grace or whose sent transfer is past its deadline, so RecoveryRequired is recorded
/// (and seen in the audit feed) without waiting for the next command. Safety does not depend on it: every lineage
/// command applies the clocks first. Each check touches only the lineages that are due in the node's
/// <see cref="LineageDeadlineIndex"/> and still served here (on a cluster, the shard owner checks its own lineages);
/// the others are neither read nor loaded. The index follows the lineage commits made on this node; a shard this node
/// starts serving (embedded: every shard, at start) is first read into it by one pass over its lineage streams.
/// Set the interval to 0s to turn the check off.
/// </summary>
internal sealed partial class LineageDeadlineService(NodeRuntime runtime, NodeSettings settings, TimeProvider time, ILogger<LineageDeadlineService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.LineageDeadlineCheckInterval <= TimeSpan.Zero)
        {
            return;
        }

        await Task.Yield(); // the first check (the index rebuild) runs off the host's start-up path
        using var timer = new PeriodicTimer(settings.LineageDeadlineCheckInterval, time);
        try
        {
            do
            {
                try
                {
                    await CheckAllAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogCheckFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }

    /// <summary>
    /// Rebuilds the index for the shards waiting for it, then sends <see cref="CheckDeadlines"/> to every indexed lineage
    /// that is due and served here; returns how many were sent. One caller at a time (the service's loop).
    /// </summary>
    internal async Task<int> CheckAllAsync(CancellationToken cancellationToken)
    {
        var index = runtime.LineageDeadlines;
        await RebuildAsync(index, cancellationToken);
        var now = time.GetUtcNow();
        var sent = 0;
        foreach (var agentId in index.DueAt(now))
        {
            if (!runtime.ServesLocally(EntityKinds.Lineage.Name, index.NumShards, agentId))
            {
                index.Remove(agentId); // its owner checks it
                continue;
            }

            try
            {
                var result = await runtime.Lineages.SendAsync(agentId, $"check-deadlines:{now.ToUnixTimeMilliseconds()}", new CheckDeadlines(), cancellationToken);
                sent++;
                if (result.State is { } state)
                {
                    index.Update(agentId, state.NextDeadline, result.Version); // an entry that was not really due is moved on
                }

                if (result.EventTypes.Count > 0)
                {
                    LogDeadlinePassed(logger, agentId);
                }
            }
            catch (NotOwnerException)
            {
                index.Remove(agentId); // the shard moved meanwhile; its new owner rebuilds it
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogLineageCheckFailed(logger, agentId, ex); // it stays due; one failing lineage does not hold up the others
            }
        }

        return sent;
    }

    // One pass over the lineage streams of the shards waiting for it: each served lineage's committed state is read
    // once from the journal (it is not activated). On failure the shards wait for the next check.
    private async Task RebuildAsync(LineageDeadlineIndex index, CancellationToken cancellationToken)
    {
        var shards = index.TakeShardsToRebuild();
        if (shards.Count == 0)
        {
            return;
        }

        try
        {
            var agentIds = new List<string>();
            await foreach (var pid in runtime.Journal.ReadPersistenceIdsAsync(EntityKinds.Lineage.Name, null, cancellationToken))
            {
                var agentId = PersistenceIds.EntityIdOf(pid);
                if (shards.Contains(Shards.ShardOf(agentId, index.NumShards)))
                {
                    agentIds.Add(agentId);
                }
            }

            foreach (var agentId in agentIds.Where(id => runtime.ServesLocally(EntityKinds.Lineage.Name, index.NumShards, id)))
            {
                try
                {
                    var committed = await runtime.Lineages.Registry.ReadCommittedAsync(agentId, null, cancellationToken);
                    index.Update(agentId, committed.State.NextDeadline, committed.Version);
                }
                catch (JournalIntegrityException ex)
                {
                    LogLineageUnreadable(logger, agentId, ex); // it cannot be loaded either; every command to it fails loudly
                }
            }

            LogIndexRebuilt(logger, shards.Count, agentIds.Count);
        }
        catch
        {
            foreach (var shard in shards)
            {
                index.MarkShardForRebuild(shard);
            }

            throw;
        }
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Lineage {AgentId} is past a deadline; recovery is required")]
    private static partial void LogDeadlinePassed(ILogger logger, string agentId);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "Lineage deadline check failed; retrying at the next interval")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1605, Level = LogLevel.Warning, Message = "Deadline check of lineage {AgentId} failed; retrying at the next interval")]
    private static partial void LogLineageCheckFailed(ILogger logger, string agentId, Exception exception);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Debug, Message = "Lineage deadline index rebuilt for {Shards} shards ({Lineages} lineages read)")]
    private static partial void LogIndexRebuilt(ILogger logger, int shards, int lineages);

    [LoggerMessage(EventId = 1604, Level = LogLevel.Error, Message = "Lineage {AgentId} could not be read into the deadline index")]
    private static partial void LogLineageUnreadable(ILogger logger, string agentId, Exception exception);
}
