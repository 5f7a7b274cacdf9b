using System.Net.Security;
using System.Text.Json;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Metrics;
using ActorTrust.Node.Security;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Routing;
using ActorTrust.Runtime.Cluster.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
        await using var server = await ClusterServer.StartAsync();
        using var http = HttpClusterTransport.CreateHttpClient(Client(server.Pki.Node("peer", "127.0.0.1:7001")));

        var reply = await Send(http, server, from: "127.0.0.1:7001:5");

        reply.Answers.Single().Status.ShouldBe(DeliveryStatus.Failed); // reached the receiver: the kind is simply not hosted
        reply.Answers.Single().Reason!.ShouldContain("not hosted");
    }

    [Fact]
    public async Task A_node_certificate_from_another_ca_cannot_deliver()
    {
        await using var server = await ClusterServer.StartAsync();
        using var otherPki = new Pki(server.Pki.Now, "Rogue CA");
        using var http = HttpClusterTransport.CreateHttpClient(Client(otherPki.Node("rogue", "127.0.0.1:7001")));

        var error = await Should.ThrowAsync<ClusterTransportException>(() => Send(http, server, from: "127.0.0.1:7001:5"));

        error.Message.ShouldContain("401");
        error.Message.ShouldContain("does not chain to the cluster CA");
    }

    [Fact]
    public async Task A_caller_without_a_certificate_cannot_deliver()
    {
        await using var server = await ClusterServer.StartAsync();
        using var http = HttpClusterTransport.CreateHttpClient(new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true });

        var error = await Should.ThrowAsync<ClusterTransportException>(() => Send(http, server, from: "127.0.0.1:7001:5"));

        error.Message.ShouldContain("401");
    }

    [Fact]
    public async Task A_node_may_not_send_envelopes_as_another_node()
    {
        await using var server = await ClusterServer.StartAsync();
        using var http = HttpClusterTransport.CreateHttpClient(Client(server.Pki.Node("peer", "127.0.0.1:7001")));

        var error = await Should.ThrowAsync<ClusterTransportException>(() => Send(http, server, from: "127.0.0.1:7002:5"));

        error.Message.ShouldContain("403");
        error.Message.ShouldContain("may not send envelopes as '127.0.0.1:7002:5'");
    }

    [Fact]
    public async Task An_expired_node_certificate_cannot_deliver()
    {
        await using var server = await ClusterServer.StartAsync();
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

    private static Task<DeliveryReply> Send(HttpClient http, ClusterServer server, string from)
    {
        var envelope = new ClusterEnvelope("m1", from, server.Self.ToString(), "absent", 0, "e1", "c1", TimeSpan.FromSeconds(10), "Nothing",
            JsonDocument.Parse("{}").RootElement);
        return new HttpClusterTransport(http, new TransportLimits())
            .SendAsync(new ClusterPeer(server.Self, server.Address), new DeliveryBatch([envelope]), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>A web host secured exactly as a node is, serving only the cluster routes.</summary>
    private sealed class ClusterServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly FixedShards _shards;

        private ClusterServer(WebApplication app, Pki pki, FixedShards shards)
        {
            _app = app;
            Pki = pki;
            _shards = shards;
            Address = app.Urls.First();
        }

        public Pki Pki { get; }

        public string Address { get; }

        public NodeId Self => _shards.Self;

        public static async Task<ClusterServer> StartAsync()
        {
            var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds())); // real "now": the TLS stack checks certificate validity against the real clock
            var pki = new Pki(clock.GetUtcNow());
            var nodeDir = pki.Node("server", "127.0.0.1");
            var settings = NodeSettings.Load(null, new Dictionary<string, string?>
            {
                ["actortrust:node:urls"] = "https://127.0.0.1:0",
                ["actortrust:node:data-dir"] = Path.Combine(pki.Dir, "data"),
                ["actortrust:security:tls:ca-file"] = pki.CaFile,
                ["actortrust:security:tls:cert-file"] = Path.Combine(nodeDir, ClusterCa.CertFile),
                ["actortrust:security:tls:key-file"] = Path.Combine(nodeDir, ClusterCa.KeyFile),
            });
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls(settings.Node.Urls);
            builder.Services.AddMetrics();
            builder.Services.AddSingleton<NodeMetrics>();
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddSingleton(settings.Node);
            builder.AddNodeSecurity(settings);
            var app = builder.Build();
            var shards = new FixedShards();
            app.MapClusterTransport(() => new DeliveryReceiver(shards, new ClusterKinds(), clock), new TransportLimits(), app.Services.GetRequiredService<IClusterPeerAuthenticator>());
            await app.StartAsync();
            shards.Self = new NodeId("127.0.0.1", new Uri(app.Urls.First()).Port, 1);
            return new ClusterServer(app, pki, shards);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            Pki.Dispose();
        }
    }

    private sealed class FixedShards : ILocalShards
    {
        public NodeId Self { get; set; } = new("127.0.0.1", 1, 1);

        public bool TryGetServing(string kind, int shard, out long fencingToken)
        {
            fencingToken = 0;
            return false;
        }
    }
}
