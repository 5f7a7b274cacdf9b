using ActorTrust.Runtime.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorTrust.Node.Hosting;

/// <summary>Runs the node's periodic journal checkpoints for as long as the node runs.</summary>
internal sealed class CheckpointService(NodeRuntime runtime, NodeSettings settings, TimeProvider time, ILoggerFactory loggers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new PeriodicCheckpointer(runtime.Checkpointer, settings.Audit, time, loggers.CreateLogger<PeriodicCheckpointer>()).RunAsync(stoppingToken);
}
