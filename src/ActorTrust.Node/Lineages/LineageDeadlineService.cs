using ActorTrust.Core.Lineage;
using ActorTrust.Node.Hosting;
using ActorTrust.Runtime.Journal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorTrust.Node.Lineages;

/// <summary>
/// Every <c>actortrust.lineage.deadline-check-interval</c>, sends <see cref="CheckDeadlines"/> to each lineage whose
/// lease is past its grace or whose sent transfer is past its deadline, so RecoveryRequired is recorded (and seen in
/// the audit feed) without waiting for the next command. Safety does not depend on it: every lineage command applies
/// the clocks first. Each check reads every lineage this node serves (on a cluster, the shard owner checks its own
/// lineages; the others skip them), which loads it; set the interval to 0s to turn it off.
/// </summary>
internal sealed partial class LineageDeadlineService(NodeRuntime runtime, NodeSettings settings, TimeProvider time, ILogger<LineageDeadlineService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.LineageDeadlineCheckInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.LineageDeadlineCheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
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
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }

    /// <summary>Sends <see cref="CheckDeadlines"/> to every lineage with an expired clock; returns how many were sent.</summary>
    internal async Task<int> CheckAllAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sent = 0;
        await foreach (var pid in runtime.Journal.ReadPersistenceIdsAsync(EntityKinds.Lineage.Name, null, cancellationToken))
        {
            var agentId = PersistenceIds.EntityIdOf(pid);
            if (!runtime.ServesLocally(EntityKinds.Lineage.Name, EntityKinds.Lineage.NumShards, agentId))
            {
                continue; // its owner checks it
            }

            if (await runtime.Lineages.QueryAsync(agentId, (state, _) => state.StatusAt(now) != state.Status, cancellationToken))
            {
                await runtime.Lineages.SendAsync(agentId, $"check-deadlines:{now.ToUnixTimeMilliseconds()}", new CheckDeadlines(), cancellationToken);
                LogDeadlinePassed(logger, agentId);
                sent++;
            }
        }

        return sent;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Lineage {AgentId} is past a deadline; recovery is required")]
    private static partial void LogDeadlinePassed(ILogger logger, string agentId);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Lineage deadline check failed; retrying at the next interval")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
