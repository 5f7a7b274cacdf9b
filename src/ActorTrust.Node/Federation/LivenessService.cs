using ActorTrust.Core.Federation.Peers;
using ActorTrust.Node.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorTrust.Node.Federation;

/// <summary>
/// The liveness timer: every <c>actortrust.federation.liveness-check-interval</c> (on the node's TimeProvider) it sends
/// <see cref="CheckLiveness"/> to each enrolled or active peer; the peer decider degrades one with no heartbeat for
/// five minutes. A failed sweep is logged and retried at the next tick.
/// </summary>
internal sealed partial class LivenessService(NodeRuntime runtime, NodeSettings settings, TimeProvider time, ILogger<LivenessService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Federation.LivenessCheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(runtime, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }

    /// <summary>Sends <see cref="CheckLiveness"/> to every enrolled or active peer.</summary>
    public static async Task SweepAsync(NodeRuntime runtime, CancellationToken ct)
    {
        foreach (var peerId in await PeerDirectory.LiveAsync(runtime, ct))
        {
            await runtime.Peers.SendAsync(peerId, Guid.NewGuid().ToString("N"), new CheckLiveness(FederationActors.Liveness), ct);
        }
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Federation liveness sweep failed; retrying at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
