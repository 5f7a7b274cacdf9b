namespace ActorTrust.TestKit.MultiNode;

/// <summary>How the nodes of a <see cref="TestCluster"/> reach each other.</summary>
public enum TestClusterTransport
{
    /// <summary>
    /// Real Kestrel HTTP/2 listeners on 127.0.0.1 with mutual TLS 1.3: each node has a certificate from the cluster's
    /// test CA naming its endpoint, callers must present one, and deliveries and probes go through
    /// <c>HttpClusterTransport</c>/<c>HttpClusterProbe</c> as in a real node.
    /// </summary>
    Kestrel,

    /// <summary>The in-memory hub: the same wire codec, no sockets and no TLS (faster; for specs about the cluster logic only).</summary>
    InMemory,
}
