using ActorTrust.Client;
using ActorTrust.Core.Agents;
using ActorTrust.Node.Hosting;
using ActorTrust.TestKit.Trust;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ActorTrust.Node.Tests;

/// <summary>A real node (SQLite in a temp dir, Kestrel on a free loopback port) and a client for it; one per test.</summary>
public sealed class NodeFixture : IAsyncDisposable
{
    private WebApplication? _app;
    private readonly TimeProvider? _time;
    private readonly IReadOnlyDictionary<string, string?> _overrides;

    private NodeFixture(string dataDir, TimeProvider? time, IReadOnlyDictionary<string, string?>? overrides)
    {
        DataDir = dataDir;
        _time = time;
        _overrides = overrides ?? new Dictionary<string, string?>();
    }

    public string DataDir { get; }

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public HttpClient Http { get; private set; } = new();

    public ActorTrustClient Client { get; private set; } = null!;

    /// <summary>The running web application (its lifetime and services).</summary>
    public WebApplication App => _app!;

    /// <summary>Stops the node gracefully (a clustered node hands its shards off first); the fixture can then be disposed.</summary>
    public Task StopAsync() => StopNodeAsync();

    /// <summary>The running node's runtime (registries, journal), for tests that drive node services directly.</summary>
    public NodeRuntime Runtime => _app!.Services.GetRequiredService<NodeRuntime>();

    /// <summary>The running node's settings.</summary>
    public NodeSettings Settings => _app!.Services.GetRequiredService<NodeSettings>();

    public TrustScenario Trust { get; } = new();

    /// <summary>
    /// Starts a node; <paramref name="time"/> (e.g. a manual clock) drives its decisions, else the system clock;
    /// <paramref name="overrides"/> adds settings (<c>actortrust:section:key</c>).
    /// </summary>
    public static async Task<NodeFixture> StartAsync(long maxBody = 1024 * 1024, TimeProvider? time = null, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var fixture = new NodeFixture(Path.Combine(Path.GetTempPath(), "actortrust-node-" + Guid.NewGuid().ToString("N")), time, overrides);
        await fixture.StartNodeAsync(maxBody);
        return fixture;
    }

    /// <summary>
    /// Creates the trust domain and registers agent <c>planner</c> with a manifest issued at <paramref name="now"/>;
    /// returns the agent's id, its manifest and the signed manifest envelope.
    /// </summary>
    public async Task<(string AgentId, AgentManifest Manifest, string Envelope)> RegisterAgentAsync(DateTimeOffset now)
    {
        await Client.CreateDomainAsync(Trust.CreateDomainEnvelope());
        var agentId = Trust.AgentId("planner");
        var manifest = Trust.AgentManifest(agentId, now);
        var envelope = Trust.Sign(manifest);
        (await Client.RegisterAgentAsync(envelope)).Accepted.ShouldBeTrue();
        return (agentId, manifest, envelope);
    }

    /// <summary>Stops the node gracefully and starts a new process-equivalent on the same data directory.</summary>
    public async Task RestartAsync()
    {
        await StopNodeAsync();
        await StartNodeAsync(1024 * 1024);
    }

    private async Task StartNodeAsync(long maxBody)
    {
        var settings = NodeSettings.Load(null, new Dictionary<string, string?>(_overrides)
        {
            ["actortrust:node:urls"] = "http://127.0.0.1:0",
            ["actortrust:security:insecure"] = "true", // loopback development mode: these tests are not about security
            ["actortrust:node:data-dir"] = DataDir,
            ["actortrust:node:max-request-body"] = maxBody.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        _app = await NodeHost.BuildAsync(settings, _time);
        await _app.StartAsync();
        // A clustered node also listens for node-to-node traffic; the client talks to the API listener.
        var clusterListen = settings.Cluster.Enabled ? settings.Cluster.Listen.GetLeftPart(UriPartial.Authority) : null;
        Address = new Uri(_app.Urls.First(u => !string.Equals(u.TrimEnd('/'), clusterListen, StringComparison.OrdinalIgnoreCase)) + "/");
        Http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        // The client signs requests on the node's clock, so a test that drives a manual clock keeps its signatures fresh.
        Client = new ActorTrustClient(Http, new ActorTrustClientOptions { MaxAttempts = 2, TimeProvider = _time ?? TimeProvider.System });
    }

    private async Task StopNodeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopNodeAsync();
        Trust.Dispose();
        if (Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }
    }
}
