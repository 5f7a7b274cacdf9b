using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ActorTrust.Runtime.Cluster.Security;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Metrics;
using ActorTrust.Node.Security;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Routing;
using ActorTrust.Runtime.Cluster.Transport;
using ActorTrust.TestKit.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
        await using var server = await RecordingServer.StartAsync();
        var sender = server.Pki.Node("sender", "127.0.0.1:7001");
        var (material, tls) = Tls(server.Pki, sender);
        using var http = new ClusterHttpClient(() => HttpClusterTransport.CreateHttpClient(tls.ClusterClientOptions), tls.CurrentCertificate, server.Clock, CheckInterval);
        var transport = new HttpClusterTransport(http, new TransportLimits());
        var original = material.ServerCertificate.Thumbprint;

        await SendAsync(transport, server);
        await SendAsync(transport, server); // the same pooled connection
        var rotated = server.Pki.Node("sender-rotated", "127.0.0.1:7001");
        File.Copy(Path.Combine(rotated, ClusterCa.KeyFile), Path.Combine(sender, ClusterCa.KeyFile), overwrite: true);
        File.Copy(Path.Combine(rotated, ClusterCa.CertFile), Path.Combine(sender, ClusterCa.CertFile), overwrite: true);
        var expected = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(rotated, ClusterCa.CertFile)).Thumbprint;
        server.Clock.Advance(CheckInterval);
        await SendAsync(transport, server);

        server.Seen.ShouldBe([original, original, expected]);
        http.Renewals.ShouldBe(1);
    }

    [Fact]
    public async Task Without_a_certificate_change_the_client_is_kept_and_its_connection_reused()
    {
        await using var server = await RecordingServer.StartAsync();
        var sender = server.Pki.Node("sender", "127.0.0.1:7001");
        var (_, tls) = Tls(server.Pki, sender);
        using var http = new ClusterHttpClient(() => HttpClusterTransport.CreateHttpClient(tls.ClusterClientOptions), tls.CurrentCertificate, server.Clock, CheckInterval);
        var first = http.Current;

        server.Clock.Advance(CheckInterval * 5);
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

    private static async Task SendAsync(HttpClusterTransport transport, RecordingServer server)
    {
        var envelope = new ClusterEnvelope("m1", "127.0.0.1:7001:5", server.Self.ToString(), "absent", 0, "e1", "c1", TimeSpan.FromSeconds(10), "Nothing",
            JsonDocument.Parse("{}").RootElement);
        var reply = await transport.SendAsync(new ClusterPeer(server.Self, server.Address), new DeliveryBatch([envelope]), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));
        reply.Answers.Single().Status.ShouldBe(DeliveryStatus.Failed); // delivered: the kind is simply not hosted
    }

    /// <summary>A web host secured as a node is, serving the cluster routes and recording each delivery's client certificate.</summary>
    private sealed class RecordingServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<string> _seen;

        private RecordingServer(WebApplication app, Pki pki, ManualTimeProvider clock, NodeId self, ConcurrentQueue<string> seen)
        {
            _app = app;
            Pki = pki;
            Clock = clock;
            Self = self;
            _seen = seen;
            Address = app.Urls.First();
        }

        public Pki Pki { get; }

        public ManualTimeProvider Clock { get; }

        public NodeId Self { get; }

        public string Address { get; }

        /// <summary>The thumbprints of the client certificates of the deliveries received, in order.</summary>
        public IReadOnlyList<string> Seen => [.. _seen];

        public static async Task<RecordingServer> StartAsync()
        {
            var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
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
            builder.Services.AddSingleton<TimeProvider>(TimeProvider.System);
            builder.Services.AddSingleton(settings.Node);
            builder.AddNodeSecurity(settings);
            var app = builder.Build();
            var seen = new ConcurrentQueue<string>();
            app.Use(async (context, next) =>
            {
                if (context.Request.Path == ClusterEndpoints.DeliverPath && context.Connection.ClientCertificate is { } certificate)
                {
                    seen.Enqueue(certificate.Thumbprint);
                }

                await next(context);
            });
            var shards = new Shards();
            app.MapClusterTransport(() => new DeliveryReceiver(shards, new ClusterKinds(), TimeProvider.System), new TransportLimits(),
                app.Services.GetRequiredService<IClusterPeerAuthenticator>());
            await app.StartAsync();
            shards.Self = new NodeId("127.0.0.1", new Uri(app.Urls.First()).Port, 1);
            return new RecordingServer(app, pki, clock, shards.Self, seen);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            Pki.Dispose();
        }
    }

    private sealed class Shards : ILocalShards
    {
        public NodeId Self { get; set; } = new("127.0.0.1", 1, 1);

        public bool TryGetServing(string kind, int shard, out long fencingToken)
        {
            fencingToken = 0;
            return false;
        }
    }
}
