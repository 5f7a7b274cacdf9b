using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace ActorTrust.Runtime.Cluster.Security;

/// <summary>
/// Mutual TLS between nodes, both ends: the server side of a node's listener and the client side of its outgoing
/// cluster calls. TLS 1.3 only; each new connection asks for the current node certificate, so a reloaded one is used
/// from the next connection on.
/// </summary>
public static class ClusterTls
{
    /// <summary>
    /// Sets up a Kestrel HTTPS endpoint: TLS 1.3, <paramref name="certificate"/> as the server certificate, client
    /// certificates in <paramref name="clientCertificates"/> mode. The handshake accepts any client certificate; the
    /// chain and the identity are checked per request (<see cref="CertificateClusterPeers"/>) against the current CA.
    /// </summary>
    public static void ConfigureServer(HttpsConnectionAdapterOptions https, Func<X509Certificate2> certificate, ClientCertificateMode clientCertificates)
    {
        ArgumentNullException.ThrowIfNull(https);
        ArgumentNullException.ThrowIfNull(certificate);
        https.SslProtocols = SslProtocols.Tls13;
        https.ServerCertificateSelector = (_, _) => certificate();
        https.ClientCertificateMode = clientCertificates;
        https.ClientCertificateValidation = (_, _, _) => true;
    }

    /// <summary>
    /// Client options for <see cref="Transport.HttpClusterTransport.CreateHttpClient(SslClientAuthenticationOptions?, TimeSpan?)"/>:
    /// presents <paramref name="certificate"/> and accepts only a server whose certificate is valid by
    /// <paramref name="validator"/> and names a node on the host called.
    /// </summary>
    public static SslClientAuthenticationOptions ClientOptions(Func<X509Certificate2> certificate, CertificateValidator validator)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(validator);
        return new SslClientAuthenticationOptions
        {
            EnabledSslProtocols = SslProtocols.Tls13,
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate(),
            RemoteCertificateValidationCallback = (sender, presented, _, errors) =>
                presented is X509Certificate2 server
                && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
                && validator.Check(server) is null
                && ClusterCertificates.NodeIdOf(server) is { } node
                && NodeCertificateIdentity.NamesHost(node, (sender as SslStream)?.TargetHostName),
        };
    }
}
