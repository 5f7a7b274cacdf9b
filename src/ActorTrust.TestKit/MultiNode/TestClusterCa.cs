using System.Security.Cryptography.X509Certificates;
using ActorTrust.Runtime.Cluster.Security;

namespace ActorTrust.TestKit.MultiNode;

/// <summary>
/// The throw-away certificate authority of one Kestrel-mode <see cref="TestCluster"/>, minting through the same
/// <see cref="ClusterCertificates"/> code as <c>actortrust cert create-ca|create-node</c>.
/// </summary>
public sealed class TestClusterCa : IDisposable
{
    /// <summary>A CA named <paramref name="name"/>, valid for a day from now.</summary>
    public TestClusterCa(string name = "ActorTrust test cluster CA")
    {
        Certificate = ClusterCertificates.CreateCa(name, DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        Trusted = [Certificate];
    }

    /// <summary>The CA certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The trust bundle a node of this cluster holds: just this CA.</summary>
    public X509Certificate2Collection Trusted { get; }

    /// <summary>
    /// A node certificate for 127.0.0.1 naming <paramref name="nodeId"/> (an endpoint <c>host:port</c>), issued by
    /// <paramref name="issuer"/> (this CA when null), valid for <paramref name="validity"/> (an hour when null).
    /// </summary>
    public X509Certificate2 IssueNode(string nodeId, X509Certificate2? issuer = null, TimeSpan? validity = null)
    {
        using var issued = ClusterCertificates.CreateNode(issuer ?? Certificate, nodeId, ["127.0.0.1"], DateTimeOffset.UtcNow, validity ?? TimeSpan.FromHours(1));
        return ClusterCertificates.Portable(issued);
    }

    /// <inheritdoc />
    public void Dispose() => Certificate.Dispose();
}
