using System.Net;
using System.Text;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Routing;
using ActorTrust.Runtime.Cluster.Transport;
using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Tests.Entities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorTrust.Runtime.Tests.Cluster.Transport;

/// <summary>The wire for real: Kestrel on 127.0.0.1 (port 0) speaking cleartext HTTP/2, and the HTTP/2 client.</summary>
public sealed class Http2TransportTests
{
    private const string Kind = RoutingCluster.Kind;

    [Fact]
    public async Task A_batch_is_delivered_over_http2_and_answered_envelope_for_envelope()
    {
        await using var server = await KestrelNode.StartAsync();
        using var http = HttpClusterTransport.CreateHttpClient();
        var transport = new HttpClusterTransport(http, new TransportLimits());
        var from = new NodeId("127.0.0.1", 7001, 1);
        var batch = new DeliveryBatch([
            Envelopes.For(from, server.Id, "a1", new Add(1)),
            Envelopes.For(from, server.Id, "a1", new Add(2)),
            Envelopes.For(from, server.Id, "a2", new Add(-1)),
            Envelopes.For(from, server.Id with { Incarnation = 1 }, "a3", new Add(1)),
        ]);

        var reply = await transport.SendAsync(server.Peer, batch, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        reply.Answers.Select(a => a.MsgId).ShouldBe(batch.Envelopes.Select(e => e.MsgId));
        reply.Answers.Select(a => a.Status).ShouldBe([DeliveryStatus.Delivered, DeliveryStatus.Delivered, DeliveryStatus.Delivered, DeliveryStatus.WrongIncarnation]);
        RemoteCommandResult.Decode<CounterState>(reply.Answers[1].Result!.Value).Version.ShouldBe(2); // batch order kept per entity
        RemoteCommandResult.Decode<CounterState>(reply.Answers[2].Result!.Value).Rejection!.Code.ShouldBe("NegativeStep");
        (await server.Node.TotalOf("a1")).ShouldBe(3);
    }

    [Fact]
    public async Task The_server_speaks_http2_and_refuses_a_malformed_batch_with_400()
    {
        await using var server = await KestrelNode.StartAsync();
        using var http = HttpClusterTransport.CreateHttpClient();

        using var response = await http.PostAsync(new Uri(new Uri(server.Peer.Address), ClusterEndpoints.DeliverPath), new StringContent("{\"envelopes\":", Encoding.UTF8, "application/json"));

        response.Version.ShouldBe(HttpVersion.Version20);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("malformed batch");
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        await using var server = await KestrelNode.StartAsync(new TransportLimits { MaxBodyBytes = 1000, MaxPayloadBytes = 500 });
        using var http = HttpClusterTransport.CreateHttpClient();

        using var response = await http.PostAsync(new Uri(new Uri(server.Peer.Address), ClusterEndpoints.DeliverPath), new ByteArrayContent(new byte[2000]));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_probe_is_answered_only_by_the_exact_incarnation()
    {
        await using var server = await KestrelNode.StartAsync();
        using var http = HttpClusterTransport.CreateHttpClient();
        var probe = new HttpClusterProbe(http);

        (await probe.ProbeAsync(server.Id, CancellationToken.None)).ShouldBeTrue();
        (await probe.ProbeAsync(server.Id with { Incarnation = server.Id.Incarnation + 1 }, CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_probe_of_a_node_that_is_gone_answers_false()
    {
        var server = await KestrelNode.StartAsync();
        var id = server.Id;
        await server.DisposeAsync();
        using var http = HttpClusterTransport.CreateHttpClient();

        (await new HttpClusterProbe(http).ProbeAsync(id, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_router_reaches_the_owner_over_http2()
    {
        await using var server = await KestrelNode.StartAsync();
        using var http = HttpClusterTransport.CreateHttpClient();
        var self = new NodeId("127.0.0.1", 7001, 1);
        var tables = new FakeClusterTables();
        tables.AddMember(server.Id, server.Peer.Address);
        tables.SetOwnerOfAll(Kind, RoutingCluster.NumShards, server.Id);
        var kinds = new ClusterKinds().Add(server.Node.Registry); // the router only needs the kind's codec and shard count here
        await using var router = new ClusterRouter(
            new FakeLocalShards(self), kinds, new RoutingTable(tables, tables), new HttpClusterTransport(http, new TransportLimits()),
            new RouterOptions(), TimeProvider.System, NullLogger.Instance);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            router.SendAsync<CounterState, CounterCommand>(Kind, $"e{i % 4}", $"c{i}", new Add(1), CancellationToken.None))).WaitAsync(TimeSpan.FromSeconds(30));

        results.ShouldAllBe(r => r.Status == CommandStatus.Accepted);
        (await server.Node.TotalOf("e0")).ShouldBe(5);
    }

    /// <summary>One counter node behind real Kestrel, HTTP/2 only, on an ephemeral loopback port.</summary>
    private sealed class KestrelNode : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly RoutingCluster _cluster;

        private KestrelNode(WebApplication app, RoutingCluster cluster, RoutingNode node, int port)
        {
            _app = app;
            _cluster = cluster;
            Node = node;
            Peer = new ClusterPeer(node.Id, $"http://127.0.0.1:{port}");
        }

        public RoutingNode Node { get; }

        public NodeId Id => Node.Id;

        public ClusterPeer Peer { get; }

        public static async Task<KestrelNode> StartAsync(TransportLimits? limits = null)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
            var app = builder.Build();
            RoutingNode? node = null;
            app.MapClusterTransport(() => node!.Receiver, limits ?? new TransportLimits());
            await app.StartAsync();
            var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;

            // The node's id carries the real port, known only once Kestrel listens.
            var cluster = new RoutingCluster();
            node = cluster.AddNode(port, incarnation: 2);
            node.Shards.ServeAll(Kind, RoutingCluster.NumShards);
            return new KestrelNode(app, cluster, node, port);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            await _cluster.DisposeAsync();
        }
    }
}
