using System.Security.Cryptography.X509Certificates;

namespace ActorTrust.TestKit.MultiNode;

/// <summary>
/// What goes into the certificate of a node a Kestrel-mode <see cref="TestCluster"/> starts. The defaults make an
/// honest node (issued by the cluster's CA, naming its own endpoint); specs change them to build impostors.
/// </summary>
public sealed record TestNodeCertificate
{
    /// <summary>The CA (with its key) that issues the certificate; the cluster's CA when null. The node trusts it as well as the cluster's CA.</summary>
    public X509Certificate2? IssuedBy { get; init; }

    /// <summary>The node id the certificate names; the node's own <c>host:port</c> when null.</summary>
    public string? NamesNode { get; init; }
}
