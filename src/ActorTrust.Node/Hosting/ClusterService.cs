using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorTrust.Node.Hosting;

/// <summary>
/// Joins the cluster when the node starts (nothing for the embedded node) and stops the host when this incarnation
/// ends: a node that reads itself Dead has already stopped serving its shards and must exit (I8).
/// </summary>
internal sealed partial class ClusterService(NodeRuntime runtime, IHostApplicationLifetime lifetime, ILogger<ClusterService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (runtime.Cluster is not { } cluster)
        {
            return;
        }

        await runtime.StartClusterAsync(cancellationToken);
        LogJoined(logger, runtime.NodeId, cluster.Settings.Listen.ToString());
        _ = cluster.Node.Exited.ContinueWith(_ =>
        {
            LogExited(logger, runtime.NodeId);
            lifetime.StopApplication();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Node {NodeId} joined the cluster; node-to-node endpoint on {Listen}")]
    private static partial void LogJoined(ILogger logger, string nodeId, string listen);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Node {NodeId} left the cluster or was declared dead; stopping")]
    private static partial void LogExited(ILogger logger, string nodeId);
}
