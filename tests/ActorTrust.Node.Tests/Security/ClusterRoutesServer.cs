using System.Collections.Concurrent;
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
/// A web host on real Kestrel (TLS 1.3, 127.0.0.1), secured exactly as a node is by <see cref="NodeSecurity"/>, serving
/// only the cluster routes (it hosts no kinds) and recording the client certificate of each delivery it receives.
/// </summary>
internal sealed class ClusterRoutesServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _seen;

    private ClusterRoutesServer(WebApplication app, Pki pki, NodeId self, ConcurrentQueue<string> seen)
    {
        _app = app;
        Pki = pki;
        Self = self;
        _seen = seen;
        Address = app.Urls.First();
    }

    /// <summary>The cluster CA that issued the server's certificate.</summary>
    public Pki Pki { get; }

    public NodeId Self { get; }

    public string Address { get; }

    /// <summary>The thumbprints of the client certificates of the deliveries received, in order.</summary>
    public IReadOnlyList<string> Seen => [.. _seen];

    public static async Task<ClusterRoutesServer> StartAsync()
    {
        var pki = new Pki(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds())); // real "now": the TLS stack checks certificate validity against the real clock
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
        builder.Services.AddSingleton(TimeProvider.System);
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
        var shards = new NoShards();
        app.MapClusterTransport(() => new DeliveryReceiver(shards, new ClusterKinds(), TimeProvider.System), new TransportLimits(),
            app.Services.GetRequiredService<IClusterPeerAuthenticator>());
        await app.StartAsync();
        shards.Self = new NodeId("127.0.0.1", new Uri(app.Urls.First()).Port, 1);
        return new ClusterRoutesServer(app, pki, shards.Self, seen);
    }

    /// <summary>Delivers one envelope claiming to come from node <paramref name="from"/>, for a kind the server does not host.</summary>
    public Task<DeliveryReply> DeliverAsync(HttpClusterTransport transport, string from)
    {
        ArgumentNullException.ThrowIfNull(transport);
        var envelope = new ClusterEnvelope("m1", from, Self.ToString(), "absent", 0, "e1", "c1", TimeSpan.FromSeconds(10), "Nothing",
            JsonDocument.Parse("{}").RootElement);
        return transport.SendAsync(new ClusterPeer(Self, Address), new DeliveryBatch([envelope]), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Pki.Dispose();
    }

    private sealed class NoShards : ILocalShards
    {
        public NodeId Self { get; set; } = new("127.0.0.1", 1, 1);

        public bool TryGetServing(string kind, int shard, out long fencingToken)
        {
            fencingToken = 0;
            return false;
        }
    }
}
