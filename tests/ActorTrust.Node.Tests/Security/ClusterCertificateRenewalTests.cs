using System.Security.Cryptography.X509Certificates;
using ActorTrust.Runtime.Cluster.Security;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Security;
using ActorTrust.Runtime.Cluster.Transport;
using ActorTrust.TestKit.Time;

namespace ActorTrust.Node.Tests.Security;

/// <summary>
/// A node's rotated certificate reaches the other nodes on an already-open HTTP/2 connection's successor: the
/// node-to-node client (<see cref="ClusterHttpClient"/>, wired as <see cref="NodeRuntime"/> wires it) is replaced
/// once the certificate files change, so the receiving side sees the new certificate, by thumbprint, on the next
/// delivery after the check interval.
/// </summary>
public sealed class ClusterCertificateRenewalTests
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task After_rotation_the_receiving_node_sees_the_new_certificate_on_the_next_delivery()
    {
        await using var server = await ClusterRoutesServer.StartAsync();
        var sender = server.Pki.Node("sender", "127.0.0.1:7001");
        var (material, tls) = Tls(server.Pki, sender);
        var clock = new ManualTimeProvider(server.Pki.Now);
        using var http = new ClusterHttpClient(() => HttpClusterTransport.CreateHttpClient(tls.ClusterClientOptions), tls.CurrentCertificate, clock, CheckInterval);
        var transport = new HttpClusterTransport(http, new TransportLimits());
        var original = material.ServerCertificate.Thumbprint;

        await SendAsync(transport, server);
        await SendAsync(transport, server); // the same pooled connection
        var rotated = server.Pki.Node("sender-rotated", "127.0.0.1:7001");
        File.Copy(Path.Combine(rotated, ClusterCa.KeyFile), Path.Combine(sender, ClusterCa.KeyFile), overwrite: true);
        File.Copy(Path.Combine(rotated, ClusterCa.CertFile), Path.Combine(sender, ClusterCa.CertFile), overwrite: true);
        var expected = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(rotated, ClusterCa.CertFile)).Thumbprint;
        clock.Advance(CheckInterval);
        await SendAsync(transport, server);

        server.Seen.ShouldBe([original, original, expected]);
        http.Renewals.ShouldBe(1);
    }

    [Fact]
    public async Task Without_a_certificate_change_the_client_is_kept_and_its_connection_reused()
    {
        await using var server = await ClusterRoutesServer.StartAsync();
        var sender = server.Pki.Node("sender", "127.0.0.1:7001");
        var (_, tls) = Tls(server.Pki, sender);
        var clock = new ManualTimeProvider(server.Pki.Now);
        using var http = new ClusterHttpClient(() => HttpClusterTransport.CreateHttpClient(tls.ClusterClientOptions), tls.CurrentCertificate, clock, CheckInterval);
        var first = http.Current;

        clock.Advance(CheckInterval * 5);
        await SendAsync(new HttpClusterTransport(http, new TransportLimits()), server);

        http.Current.ShouldBeSameAs(first);
        http.Renewals.ShouldBe(0);
    }

    private static (TlsMaterial Material, NodeTls Tls) Tls(Pki pki, string certDir)
    {
        var material = new TlsMaterial(new SecurityOptions
        {
            CaFile = pki.CaFile,
            CertFile = Path.Combine(certDir, ClusterCa.CertFile),
            KeyFile = Path.Combine(certDir, ClusterCa.KeyFile),
        });
        material.Load();
        return (material, new NodeTls(material, new CertificateValidator(() => material.TrustedCas, TimeProvider.System)));
    }

    private static async Task SendAsync(HttpClusterTransport transport, ClusterRoutesServer server)
    {
        var reply = await server.DeliverAsync(transport, from: "127.0.0.1:7001:5");
        reply.Answers.Single().Status.ShouldBe(DeliveryStatus.Failed); // delivered: the kind is simply not hosted
    }
}
