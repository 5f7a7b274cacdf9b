using ActorTrust.Node.Hosting;
using Microsoft.AspNetCore.Builder;

namespace ActorTrust.Cli.Tests;

/// <summary>A real node, in process, on a free loopback port with its own temporary data directory.</summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDir;

    private TestNode(WebApplication app, string dataDir)
    {
        _app = app;
        _dataDir = dataDir;
        Url = app.Urls.Single();
    }

    /// <summary>The address the node is listening on, for <c>--node</c>.</summary>
    public string Url { get; }

    /// <summary>The node's data directory (journal.db, node.key).</summary>
    public string DataDir => _dataDir;

    public static async Task<TestNode> StartAsync(IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "actortrust-node-" + Guid.NewGuid().ToString("N"));
        var settings = NodeSettings.Load(null, new Dictionary<string, string?>(extraSettings ?? new Dictionary<string, string?>())
        {
            ["actortrust:node:urls"] = "http://127.0.0.1:0",
            ["actortrust:security:insecure"] = "true", // loopback development mode: these tests are not about security
            ["actortrust:node:data-dir"] = dataDir,
        });
        var app = await NodeHost.BuildAsync(settings);
        await app.StartAsync();
        return new TestNode(app, dataDir);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }
}
