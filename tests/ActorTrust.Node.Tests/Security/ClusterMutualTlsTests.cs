using System.Net.Security;
using ActorTrust.Node.Security;
using ActorTrust.Runtime.Cluster.Transport;

namespace ActorTrust.Node.Tests.Security;

/// <summary>
/// <c>/rt/v1/deliver</c> behind real Kestrel with TLS 1.3 on 127.0.0.1, configured by <see cref="NodeSecurity"/>: only a
/// node certificate from the cluster CA, naming the node the envelopes claim to come from, gets a batch delivered.
/// </summary>
public sealed class ClusterMutualTlsTests
{
    [Fact]
    public async Task A_node_certificate_from_the_cluster_ca_delivers()
    {
        await using var server = await ClusterRoutesServer.StartAsync();
        using var http = HttpClusterTransport.CreateHttpClient(Client(server.Pki.Node("peer", "127.0.0.1:7001")));

        var reply = await Send(http, server, from: "127.0.0.1:7001:5");

        reply.Answers.Single().Status.ShouldBe(DeliveryStatus.Failed); // reached the receiver: the kind is simply not hosted
        reply.Answers.Single().Reason!.ShouldContain("not hosted");
    }

    [Fact]
    public async Task A_node_certificate_from_another_ca_cannot_deliver()
    {
        await using var server = await ClusterRoutesServer.StartAsync();
        using var otherPki = new Pki(server.Pki.Now, "Rogue CA");
        using var http = HttpClusterTransport.CreateHttpClient(Client(otherPki.Node("rogue", "127.0.0.1:7001")));

        var error = await Should.ThrowAsync<ClusterTransportException>(() => Send(http, server, from: "127.0.0.1:7001:5"));

        error.Message.ShouldContain("401");
        error.Message.ShouldContain("does not chain to the cluster CA");
    }

    [Fact]
    public async Task A_caller_without_a_certificate_cannot_deliver()
    {
        await using var server = await ClusterRoutesServer.StartAsync();
        using var http = HttpClusterTransport.CreateHttpClient(new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true });

        var error = await Should.ThrowAsync<ClusterTransportException>(() => Send(http, server, from: "127.0.0.1:7001:5"));

        error.Message.ShouldContain("401");
    }

    [Fact]
    public async Task A_node_may_not_send_envelopes_as_another_node()
    {
        await using var server = await ClusterRoutesServer.StartAsync();
        using var http = HttpClusterTransport.CreateHttpClient(Client(server.Pki.Node("peer", "127.0.0.1:7001")));

        var error = await Should.ThrowAsync<ClusterTransportException>(() => Send(http, server, from: "127.0.0.1:7002:5"));

        error.Message.ShouldContain("403");
        error.Message.ShouldContain("may not send envelopes as '127.0.0.1:7002:5'");
    }

    [Fact]
    public async Task An_expired_node_certificate_cannot_deliver()
    {
        await using var server = await ClusterRoutesServer.StartAsync();
        var expired = server.Pki.Node("old", "127.0.0.1:7001", server.Pki.Now.AddDays(-10), TimeSpan.FromDays(1));
        using var http = HttpClusterTransport.CreateHttpClient(Client(expired));

        var error = await Should.ThrowAsync<ClusterTransportException>(() => Send(http, server, from: "127.0.0.1:7001:5"));

        error.Message.ShouldContain("expired");
    }

    private static SslClientAuthenticationOptions Client(string certDir)
    {
        var certificate = ClusterCa.LoadPair(Path.Combine(certDir, ClusterCa.CertFile), Path.Combine(certDir, ClusterCa.KeyFile));
        return new SslClientAuthenticationOptions
        {
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
            RemoteCertificateValidationCallback = (_, _, _, _) => true, // the test is about the server refusing the client
        };
    }

    private static Task<DeliveryReply> Send(HttpClient http, ClusterRoutesServer server, string from) =>
        server.DeliverAsync(new HttpClusterTransport(http, new TransportLimits()), from);
}
