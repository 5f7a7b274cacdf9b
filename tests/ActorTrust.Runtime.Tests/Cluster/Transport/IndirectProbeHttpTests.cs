using System.Net;
using System.Text;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Routing;
using ActorTrust.Runtime.Cluster.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorTrust.Runtime.Tests.Cluster.Transport;

/// <summary>
/// <c>POST /rt/v1/probe-via</c> for real: Kestrel on 127.0.0.1 speaking cleartext HTTP/2, relaying probes with its own
/// HTTP/2 probe (here of itself, the one member it can reach), asked by <see cref="HttpClusterProbe.ProbeViaAsync"/>.
/// </summary>
public sealed class IndirectProbeHttpTests
{
    [Fact]
    public async Task An_intermediary_that_reaches_the_target_answers_reached()
    {
        await using var relay = await RelayNode.StartAsync();
        using var http = HttpClusterTransport.CreateHttpClient();

        var result = await new HttpClusterProbe(http).ProbeViaAsync(relay.Id, relay.Id, TimeSpan.FromSeconds(5), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        result.ShouldBe(IndirectProbeResult.Reached);
    }

    [Fact]
    public async Task An_intermediary_whose_probe_finds_another_incarnation_answers_not_reached()
    {
        await using var relay = await RelayNode.StartAsync();
        using var http = HttpClusterTransport.CreateHttpClient();
        var older = relay.Id with { Incarnation = relay.Id.Incarnation - 1 };
        relay.AddMember(older);

        var result = await new HttpClusterProbe(http).ProbeViaAsync(relay.Id, older, TimeSpan.FromSeconds(5), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        result.ShouldBe(IndirectProbeResult.NotReached);
    }

    [Fact]
    public async Task An_indirect_probe_of_a_node_that_is_not_a_member_is_refused_with_422()
    {
        await using var relay = await RelayNode.StartAsync();
        using var http = HttpClusterTransport.CreateHttpClient();
        var stranger = new NodeId("127.0.0.1", 9, 1);

        using var response = await http.PostAsync(relay.Uri(ClusterEndpoints.ProbeViaPath), Json($"{{\"target\":\"{stranger}\",\"timeout_ms\":100}}"));
        var result = await new HttpClusterProbe(http).ProbeViaAsync(relay.Id, stranger, TimeSpan.FromSeconds(1), CancellationToken.None);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("not a live member");
        result.ShouldBe(IndirectProbeResult.NoAnswer);
    }

    [Theory]
    [InlineData("{\"target\":", "malformed indirect probe request")]
    [InlineData("{\"timeout_ms\":100}", "malformed indirect probe request")]
    [InlineData("{\"target\":\"nobody\",\"timeout_ms\":100}", "host:port:incarnation")]
    [InlineData("{\"target\":\"127.0.0.1:1:1\",\"timeout_ms\":0}", "timeout_ms must be between 1 and 60000")]
    [InlineData("{\"target\":\"127.0.0.1:1:1\",\"timeout_ms\":60001}", "timeout_ms must be between 1 and 60000")]
    public async Task A_malformed_indirect_probe_request_is_refused_with_400_naming_the_problem(string body, string problem)
    {
        await using var relay = await RelayNode.StartAsync();
        using var http = HttpClusterTransport.CreateHttpClient();

        using var response = await http.PostAsync(relay.Uri(ClusterEndpoints.ProbeViaPath), Json(body));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(problem);
    }

    [Fact]
    public async Task A_node_that_relays_no_probes_counts_as_no_answer()
    {
        await using var node = await RelayNode.StartAsync(relays: false);
        using var http = HttpClusterTransport.CreateHttpClient();

        var result = await new HttpClusterProbe(http).ProbeViaAsync(node.Id, node.Id, TimeSpan.FromSeconds(1), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        result.ShouldBe(IndirectProbeResult.NoAnswer);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>One node behind real Kestrel (HTTP/2 only, ephemeral loopback port) whose membership view lists itself.</summary>
    private sealed class RelayNode : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _http;
        private readonly MutableView _view;

        private RelayNode(WebApplication app, HttpClient http, MutableView view, NodeId id)
        {
            _app = app;
            _http = http;
            _view = view;
            Id = id;
        }

        public NodeId Id { get; }

        public Uri Uri(string path) => new(new Uri($"http://{Id.Endpoint}"), path);

        public void AddMember(NodeId node) => _view.Add(node);

        public static async Task<RelayNode> StartAsync(bool relays = true)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
            var app = builder.Build();
            DeliveryReceiver? receiver = null;
            ProbeRelay? relay = null;
            app.MapClusterTransport(() => receiver!, new TransportLimits(), relay: relays ? () => relay : null);
            await app.StartAsync();
            var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;

            var id = new NodeId("127.0.0.1", port, 5);
            var view = new MutableView();
            view.Add(id);
            var http = HttpClusterTransport.CreateHttpClient();
            receiver = new DeliveryReceiver(new FakeLocalShards(id), new ClusterKinds(), TimeProvider.System);
            relay = new ProbeRelay(new HttpClusterProbe(http), view, TimeSpan.FromSeconds(5), TimeProvider.System);
            return new RelayNode(app, http, view, id);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _http.Dispose();
        }
    }

    private sealed class MutableView : IMembershipView
    {
        private MembershipSnapshot _current = new(0, []);

        public MembershipSnapshot Current => _current;

        public bool SelfActive => true;

        public void Add(NodeId node) => _current = new MembershipSnapshot(_current.Version + 1,
            [.. _current.Members, new MemberRow(node, $"http://{node.Endpoint}", MemberStatus.Active, [], "1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)]);
    }
}
