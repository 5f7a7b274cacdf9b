using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Security;
using ActorTrust.Node.Tests.Security;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Security;
using ActorTrust.Runtime.Cluster.Transport;
using ActorTrust.TestKit.Network;
using ActorTrust.TestKit.Trust;
using static ActorTrust.Node.Tests.Cluster.ClusterStatus;

namespace ActorTrust.Node.Tests.Cluster;

/// <summary>Clustered nodes in secure mode: mutual TLS on the node-to-node listener, the node certificate bound to the advertised endpoint.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SecureClusterTests(ClusterFixture cluster)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_nodes_with_mutual_tls_route_commands_to_each_other()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow);
        var db = await cluster.CreateDatabaseAsync();
        await using var a = await SecureClusterNode.StartFirstAsync(pki, db);
        await using var b = await SecureClusterNode.JoinAsync(pki, db, "b", a);
        var status = await ClusterFixture.AwaitStatusAsync(a.Http, _ => true, Settle, "status");

        SecureClusterNode[] nodes = [a, b];
        for (var i = 0; i < 12; i++)
        {
            using var trust = new TrustScenario($"m{i}.example.org", seed: (byte)(i + 1));
            var outcome = await nodes[i % 2].Client.CreateDomainAsync(trust.CreateDomainEnvelope(), $"create-{i}");
            outcome.Accepted.ShouldBeTrue(outcome.Detail);
            outcome.Events.ShouldBe(["domain.created.v1"]);
        }

        foreach (var node in nodes)
        {
            for (var i = 0; i < 12; i++)
            {
                (await node.Client.GetDomainAsync($"m{i}.example.org")).ShouldNotBeNull().GetProperty("current_version").GetInt64().ShouldBe(1);
            }
        }

        status.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("address").GetString())
            .ShouldBe([a.ClusterAddress, b.ClusterAddress], ignoreOrder: true);
        (await a.Client.GetMetricsTextAsync()).ShouldNotContain("surface=\"cluster\""); // no node-to-node call was refused
    }

    [Fact]
    public async Task A_node_certificate_from_another_ca_cannot_deliver_to_or_probe_the_cluster_and_its_node_never_starts()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow);
        using var rogueCa = new Pki(pki.Now, "Rogue CA");
        var db = await cluster.CreateDatabaseAsync();
        await using var a = await SecureClusterNode.StartFirstAsync(pki, db);
        var roguePort = LoopbackPorts.Free();
        var rogueDir = rogueCa.Node("rogue", Endpoint(roguePort));

        // The rogue trusts the cluster CA (it can verify the cluster), but its own certificate comes from elsewhere.
        using var rogue = HttpClusterTransport.CreateHttpClient(ClientTls(pki.CaFile, rogueDir));
        var refused = await Should.ThrowAsync<ClusterTransportException>(() => SendAsync(rogue, a, from: $"{Endpoint(roguePort)}:5"));
        var probed = await ProbeAsync(rogue, a);
        var start = await Should.ThrowAsync<ArgumentException>(() => SecureClusterNode.StartAsync(pki, db, "rogue", _ => rogueDir));
        using var member = HttpClusterTransport.CreateHttpClient(ClientTls(pki.CaFile, pki.Node("member", Endpoint(LoopbackPorts.Free()))));
        var memberProbed = await ProbeAsync(member, a);
        var status = await ClusterFixture.AwaitStatusAsync(a.Http, _ => true, Settle, "status");

        refused.Message.ShouldContain("401");
        refused.Message.ShouldContain("does not chain to the cluster CA");
        probed.ShouldBeFalse();
        memberProbed.ShouldBeTrue(); // the same probe with a certificate from the cluster CA is answered
        start.Message.ShouldContain("cannot join the cluster");
        status.GetProperty("members").EnumerateArray().Single().GetProperty("node").GetString().ShouldBe(a.Runtime.NodeId);
    }

    [Fact]
    public async Task An_expired_node_certificate_is_refused_by_the_cluster_and_its_node_never_starts()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow);
        var db = await cluster.CreateDatabaseAsync();
        await using var a = await SecureClusterNode.StartFirstAsync(pki, db);
        var port = LoopbackPorts.Free();
        var expiredDir = pki.Node("expired", Endpoint(port), pki.Now.AddDays(-10), TimeSpan.FromDays(1));

        using var expired = HttpClusterTransport.CreateHttpClient(ClientTls(pki.CaFile, expiredDir));
        var refused = await Should.ThrowAsync<ClusterTransportException>(() => SendAsync(expired, a, from: $"{Endpoint(port)}:5"));
        var probed = await ProbeAsync(expired, a);
        var start = await Should.ThrowAsync<ArgumentException>(() => SecureClusterNode.StartAsync(pki, db, "late", _ => expiredDir));

        refused.Message.ShouldContain("401");
        refused.Message.ShouldContain("expired");
        probed.ShouldBeFalse();
        start.Message.ShouldContain("expired");
    }

    [Fact]
    public async Task A_node_whose_certificate_names_another_endpoint_refuses_to_start_and_writes_no_membership_row()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow);
        var db = await cluster.CreateDatabaseAsync();
        await using var a = await SecureClusterNode.StartFirstAsync(pki, db);

        // A valid certificate from the cluster CA, but for a's endpoint: this node may not join as itself with it.
        var start = await Should.ThrowAsync<ArgumentException>(() => SecureClusterNode.StartAsync(pki, db, "impostor", _ => pki.Node("impostor", Endpoint(a.ClusterPort))));
        var status = await ClusterFixture.AwaitStatusAsync(a.Http, _ => true, Settle, "status");

        start.Message.ShouldContain($"its certificate names node '{Endpoint(a.ClusterPort)}'");
        status.GetProperty("members").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Rotating_a_node_certificate_keeps_the_cluster_serving_and_new_connections_get_the_new_certificate()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow);
        var db = await cluster.CreateDatabaseAsync();
        await using var a = await SecureClusterNode.StartFirstAsync(pki, db);
        await using var b = await SecureClusterNode.JoinAsync(pki, db, "b", a);
        await CreateDomainsAsync([a, b], "before", 6);
        var before = await ServerThumbprintAsync(pki, b);

        var rotated = pki.Node("b-rotated", Endpoint(b.ClusterPort));
        File.Copy(Path.Combine(rotated, ClusterCa.KeyFile), Path.Combine(b.CertDir, ClusterCa.KeyFile), overwrite: true);
        File.Copy(Path.Combine(rotated, ClusterCa.CertFile), Path.Combine(b.CertDir, ClusterCa.CertFile), overwrite: true);
        var expected = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(rotated, ClusterCa.CertFile)).Thumbprint;
        var after = await ServerThumbprintAsync(pki, b);
        await CreateDomainsAsync([b, a], "after", 6);
        var status = await ClusterFixture.AwaitStatusAsync(b.Http, _ => true, Settle, "status");

        before.ShouldNotBe(expected);
        after.ShouldBe(expected);
        ActiveMembers(status).ShouldBe(2);
        (await a.Client.GetMetricsTextAsync()).ShouldNotContain("surface=\"cluster\"");
        (await b.Client.GetMetricsTextAsync()).ShouldNotContain("surface=\"cluster\"");
    }

    [Fact]
    public void A_secure_node_refuses_a_plain_http_cluster_listener()
    {
        var settings = ClusterFixture.NodeSettings("Host=127.0.0.1");

        var error = Should.Throw<ArgumentException>(() => NodeSettings.Load(null, settings));

        error.Message.ShouldContain("actortrust.cluster.listen");
        error.Message.ShouldContain("must be https://");
    }

    [Theory]
    [InlineData("http://0.0.0.0:7411", "")]
    [InlineData("http://127.0.0.1:7411", "node1.example.net")]
    [InlineData("https://127.0.0.1:7411", "")]
    public void Insecure_mode_refuses_a_cluster_listener_that_is_not_plain_http_on_loopback(string listen, string advertiseHost)
    {
        var settings = ClusterFixture.NodeSettings("Host=127.0.0.1");
        settings["actortrust:security:insecure"] = "true";
        settings["actortrust:cluster:listen"] = listen;
        settings["actortrust:cluster:advertise-host"] = advertiseHost;

        var error = Should.Throw<ArgumentException>(() => NodeSettings.Load(null, settings));

        error.Message.ShouldContain("loopback only");
    }

    private static string Endpoint(int port) => $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

    private static async Task CreateDomainsAsync(SecureClusterNode[] nodes, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var trust = new TrustScenario($"{prefix}{i}.example.org", seed: (byte)(i + 1));
            var outcome = await nodes[i % nodes.Length].Client.CreateDomainAsync(trust.CreateDomainEnvelope(), $"{prefix}-{i}");
            outcome.Accepted.ShouldBeTrue(outcome.Detail);
        }

        foreach (var node in nodes)
        {
            for (var i = 0; i < count; i++)
            {
                (await node.Client.GetDomainAsync($"{prefix}{i}.example.org")).ShouldNotBeNull();
            }
        }
    }

    /// <summary>Client TLS exactly as a node builds it from its files (<see cref="NodeTls.ClusterClientOptions"/>).</summary>
    private static SslClientAuthenticationOptions ClientTls(string caFile, string certDir)
    {
        var material = new TlsMaterial(new SecurityOptions
        {
            CaFile = caFile,
            CertFile = Path.Combine(certDir, ClusterCa.CertFile),
            KeyFile = Path.Combine(certDir, ClusterCa.KeyFile),
        });
        material.Load();
        return new NodeTls(material, new CertificateValidator(() => material.TrustedCas, TimeProvider.System)).ClusterClientOptions.ShouldNotBeNull();
    }

    private static NodeId Id(SecureClusterNode node) =>
        NodeId.TryParse(node.Runtime.NodeId, out var id) ? id! : throw new InvalidOperationException(node.Runtime.NodeId);

    private static Task<DeliveryReply> SendAsync(HttpClient http, SecureClusterNode target, string from)
    {
        var envelope = new ClusterEnvelope("m1", from, target.Runtime.NodeId, "absent", 0, "e1", "c1", TimeSpan.FromSeconds(10), "Nothing",
            JsonDocument.Parse("{}").RootElement);
        return new HttpClusterTransport(http, new TransportLimits())
            .SendAsync(new ClusterPeer(Id(target), target.ClusterAddress), new DeliveryBatch([envelope]), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static Task<bool> ProbeAsync(HttpClient http, SecureClusterNode target) =>
        new HttpClusterProbe(http, _ => target.ClusterAddress).ProbeAsync(Id(target), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

    // A new client means a new TLS connection to the node-to-node listener; the callback records the certificate presented.
    private static async Task<string> ServerThumbprintAsync(Pki pki, SecureClusterNode target)
    {
        var options = ClientTls(pki.CaFile, pki.Node("watcher-" + Guid.NewGuid().ToString("N"), Endpoint(LoopbackPorts.Free())));
        var verify = options.RemoteCertificateValidationCallback!;
        string? thumbprint = null;
        options.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
        {
            thumbprint = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()).Thumbprint;
            return verify(sender, certificate, chain, errors);
        };
        using var http = HttpClusterTransport.CreateHttpClient(options);
        (await ProbeAsync(http, target)).ShouldBeTrue();
        return thumbprint.ShouldNotBeNull();
    }
}
