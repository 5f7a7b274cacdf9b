using System.Globalization;
using System.Text.Json;
using ActorTrust.Client;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Security;
using ActorTrust.Node.Tests.Security;
using ActorTrust.TestKit.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using static ActorTrust.Node.Tests.Cluster.ClusterStatus;

namespace ActorTrust.Node.Tests.Cluster;

/// <summary>
/// A clustered node in secure mode: TLS 1.3 on the API and mutual TLS on the node-to-node listener (both on
/// 127.0.0.1), a node certificate from <see cref="Pki"/> naming <c>127.0.0.1:&lt;cluster port&gt;</c>, the system clock
/// (leases run on it), and an admin client certificate for the API.
/// </summary>
internal sealed class SecureClusterNode : IAsyncDisposable
{
    private WebApplication? _app;

    private SecureClusterNode(WebApplication app, string certDir, int clusterPort, Uri address, HttpClient http)
    {
        _app = app;
        CertDir = certDir;
        ClusterPort = clusterPort;
        Address = address;
        Http = http;
        Client = new ActorTrustClient(http, new ActorTrustClientOptions { MaxAttempts = 2 });
    }

    /// <summary>The directory holding this node's <c>cert.pem</c> and <c>key.pem</c> (replace them to rotate).</summary>
    public string CertDir { get; }

    /// <summary>The port of the node-to-node listener.</summary>
    public int ClusterPort { get; }

    /// <summary>The node-to-node address, <c>https://127.0.0.1:port</c>.</summary>
    public string ClusterAddress => $"https://127.0.0.1:{ClusterPort.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The API address.</summary>
    public Uri Address { get; }

    /// <summary>An admin client of the API (client certificate from the cluster CA).</summary>
    public HttpClient Http { get; }

    public ActorTrustClient Client { get; }

    public NodeRuntime Runtime => _app!.Services.GetRequiredService<NodeRuntime>();

    /// <summary>The settings of a secure clustered node on <paramref name="db"/>; the node certificate goes to <c>pki.Dir/name</c>.</summary>
    public static (Dictionary<string, string?> Settings, string CertDir, int Port) Settings(Pki pki, string db, string name, Func<int, string>? issue = null)
    {
        var port = LoopbackPorts.Free();
        var certDir = issue?.Invoke(port) ?? pki.Node(name, $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var settings = ClusterFixture.NodeSettings(db);
        settings["actortrust:cluster:listen"] = $"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        settings["actortrust:node:urls"] = "https://127.0.0.1:0";
        settings["actortrust:node:data-dir"] = Path.Combine(pki.Dir, "data-" + name);
        settings["actortrust:security:tls:ca-file"] = pki.CaFile;
        settings["actortrust:security:tls:cert-file"] = Path.Combine(certDir, ClusterCa.CertFile);
        settings["actortrust:security:tls:key-file"] = Path.Combine(certDir, ClusterCa.KeyFile);
        return (settings, certDir, port);
    }

    /// <summary>Starts a node named <paramref name="name"/>; <paramref name="issue"/> writes its certificate (default: a valid one for its endpoint).</summary>
    public static async Task<SecureClusterNode> StartAsync(Pki pki, string db, string name, Func<int, string>? issue = null)
    {
        var (overrides, certDir, port) = Settings(pki, db, name, issue);
        var app = await NodeHost.BuildAsync(NodeSettings.Load(null, overrides));
        await app.StartAsync();
        var clusterListen = $"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var address = new Uri(app.Urls.First(u => !string.Equals(u.TrimEnd('/'), clusterListen, StringComparison.OrdinalIgnoreCase)) + "/");
        var http = new ActorTrustCredentials { ClientCertificate = pki.Client("ops-" + name, ApiRole.Admin), TrustedCas = [pki.Ca] }
            .CreateHttpClient(address, TimeSpan.FromSeconds(30));
        return new SecureClusterNode(app, certDir, port, address, http);
    }

    /// <summary>Starts the cluster's first node and waits until it owns every shard.</summary>
    public static async Task<SecureClusterNode> StartFirstAsync(Pki pki, string db, string name = "a")
    {
        var node = await StartAsync(pki, db, name);
        return await node.AwaitOrDisposeAsync(node, AllShardsOwned, $"{name} owns every shard");
    }

    /// <summary>Starts another node in <paramref name="first"/>'s cluster and waits until the two are active and both own shards.</summary>
    public static async Task<SecureClusterNode> JoinAsync(Pki pki, string db, string name, SecureClusterNode first)
    {
        var node = await StartAsync(pki, db, name);
        return await node.AwaitOrDisposeAsync(first,
            s => ActiveMembers(s) == 2 && ShardsOf(s, first.Runtime.NodeId) > 0 && ShardsOf(s, node.Runtime.NodeId) > 0 && AllShardsOwned(s),
            $"{first.Runtime.NodeId} and {name} own shards");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Waits until <paramref name="observer"/>'s cluster status meets <paramref name="condition"/>; on failure this node is disposed.</summary>
    private async Task<SecureClusterNode> AwaitOrDisposeAsync(SecureClusterNode observer, Func<JsonElement, bool> condition, string what)
    {
        try
        {
            await ClusterFixture.AwaitStatusAsync(observer.Http, condition, TimeSpan.FromSeconds(60), what);
            return this;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }
}
