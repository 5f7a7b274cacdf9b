using ActorTrust.Runtime.Cluster.Transport;
using ActorTrust.TestKit.Cluster;

namespace ActorTrust.TestKit.MultiNode;

/// <summary>
/// The conductor's faults on a Kestrel-mode node's outgoing HTTP client, with the in-memory hub's semantics: a
/// blackholed request waits until the caller's own deadline; a delivery whose reply direction is blackholed does its
/// work at the receiver and then loses the answer; a probe (direct or indirect) fails when either direction is
/// blackholed; a drop rate loses that fraction of requests; a delay holds the request before it is sent. Faults are
/// looked up per request by destination <c>host:port</c>.
/// </summary>
internal sealed class FaultInjectingHandler(InMemoryTransportHub faults, string self, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("a cluster request needs an absolute address");
        var to = $"{uri.Host}:{uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        var probe = uri.AbsolutePath is ClusterEndpoints.ProbePath or ClusterEndpoints.ProbeViaPath;
        if (faults.IsBlackholed(self, to) || (probe && faults.IsBlackholed(to, self)) || faults.Drops(self, to))
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken); // lost: only the sender's deadline ends the wait
        }

        var delay = faults.DelayOf(self, to);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (!probe && faults.IsBlackholed(to, self))
        {
            response.Dispose();
            faults.CountLostReply();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken); // the work is done, the answer is lost
        }

        return response;
    }
}
