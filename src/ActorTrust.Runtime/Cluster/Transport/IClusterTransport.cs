namespace ActorTrust.Runtime.Cluster.Transport;

/// <summary>A member the transport can reach: its identity and where its cluster endpoint listens.</summary>
/// <param name="Node">The member, with its incarnation.</param>
/// <param name="Address">Its base address, <c>http://host:port</c>.</param>
public sealed record ClusterPeer(NodeId Node, string Address);

/// <summary>
/// Carries batches of envelopes to one other node and brings back one answer per envelope. HTTP/2 in production
/// (<see cref="HttpClusterTransport"/>), an in-memory hub with fault hooks in tests.
/// </summary>
public interface IClusterTransport
{
    /// <summary>
    /// Sends <paramref name="batch"/> to <paramref name="target"/>. Answers come back in envelope order.
    /// </summary>
    /// <exception cref="ClusterTransportException">The node could not be reached or answered garbage; the sender may retry.</exception>
    /// <exception cref="OperationCanceledException">The token fired first (e.g. the attempt's deadline).</exception>
    Task<DeliveryReply> SendAsync(ClusterPeer target, DeliveryBatch batch, CancellationToken cancellationToken);
}

/// <summary>The transport could not carry a batch (connection refused, reset, a non-success status, a malformed reply).</summary>
public sealed class ClusterTransportException(string message, Exception? inner = null) : Exception(message, inner);
