using System.Net.Security;
using System.Security.Authentication;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Routing;
using ActorTrust.Runtime.Cluster.Security;
using ActorTrust.Runtime.Cluster.Transport;
using ActorTrust.Runtime.Sharding;
using ActorTrust.TestKit.MultiNode;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.MultiNode.Tests;

/// <summary>
/// The cluster runs on mutual TLS (issue #8): nodes talk over Kestrel HTTP/2 with TLS 1.3, every caller of
/// <c>/rt/v1/*</c> must present a certificate from the cluster CA that names the node it sends as.
/// </summary>
public sealed class MutualTlsSpecs(MultiNodeFixture fixture) : MultiNodeSpec(fixture)
{
    [PostgresFact]
    public async Task Nodes_reach_each_other_over_https_and_a_caller_without_a_certificate_gets_no_answer()
    {
        var cluster = await StartClusterAsync(new TestClusterOptions { Nodes = 2 });
        cluster.Nodes.ShouldAllBe(n => n.Address.StartsWith("https://127.0.0.1:", StringComparison.Ordinal));
        var target = cluster[1];
        var entity = cluster.EntityIn(target.ServedShards[0]);

        (await cluster[0].DepositAsync(entity, 7)).IsAccepted.ShouldBeTrue(); // forwarded from node 0 to its owner, node 1
        (await cluster[0].Probe.ProbeAsync(target.Id, CancellationToken.None)).ShouldBeTrue();
        (await cluster[0].Probe.ProbeViaAsync(target.Id, cluster[0].Id, TimeSpan.FromSeconds(2), CancellationToken.None)).ShouldBe(IndirectProbeResult.Reached);

        // No client certificate: the listener requires one, so the TLS handshake itself fails.
        using var anonymous = HttpClusterTransport.CreateHttpClient(new SslClientAuthenticationOptions
        {
            EnabledSslProtocols = SslProtocols.Tls13,
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        (await new HttpClusterProbe(anonymous, n => $"https://{n.Endpoint}").ProbeAsync(target.Id, CancellationToken.None)).ShouldBeFalse();
        (await new HttpClusterProbe(anonymous, n => $"https://{n.Endpoint}").ProbeViaAsync(target.Id, cluster[0].Id, TimeSpan.FromSeconds(2), CancellationToken.None))
            .ShouldBe(IndirectProbeResult.NoAnswer);
        await Should.ThrowAsync<ClusterTransportException>(() =>
            new HttpClusterTransport(anonymous, cluster.Limits).SendAsync(new ClusterPeer(target.Id, target.Address), Batch(cluster, cluster[0].Id, target.Id, entity), CancellationToken.None));

        (await cluster.CommittedAsync(entity)).ShouldBe(new LedgerState(7, 1));
        await cluster.AuditAsync();
    }

    [PostgresFact]
    public async Task A_node_whose_certificate_comes_from_another_CA_cannot_deliver_or_probe_and_never_serves_a_shard()
    {
        var cluster = await StartClusterAsync();
        using var otherCa = new TestClusterCa("another CA");
        var good = cluster[0];
        var target = cluster[1];
        var entity = cluster.EntityIn(target.ServedShards[0]);

        // The impostor has the database credentials and trusts both CAs, so it passes its own start-up check and joins.
        var rogue = await cluster.AddNodeAsync(new TestNodeCertificate { IssuedBy = otherCa.Certificate });
        var servedByRogue = new List<int>();
        bool Watch()
        {
            lock (servedByRogue)
            {
                servedByRogue.AddRange(rogue.ServedShards);
            }

            return true;
        }

        (await rogue.Probe.ProbeAsync(target.Id, CancellationToken.None)).ShouldBeFalse("the cluster refuses the impostor's client certificate");
        (await rogue.Probe.ProbeViaAsync(target.Id, good.Id, TimeSpan.FromSeconds(2), CancellationToken.None)).ShouldBe(IndirectProbeResult.NoAnswer, "nor relay a probe for it");
        (await good.Probe.ProbeAsync(rogue.Id, CancellationToken.None)).ShouldBeFalse("a node refuses the impostor's server certificate");
        var refused = await Should.ThrowAsync<ClusterTransportException>(() =>
            rogue.Transport.SendAsync(new ClusterPeer(target.Id, target.Address), Batch(cluster, rogue.Id, target.Id, entity), CancellationToken.None));
        refused.Message.ShouldContain("401");
        (await rogue.DepositAsync(entity, 5, deadline: TimeSpan.FromSeconds(2)).ContinueWith(t => t.IsCompletedSuccessfully && t.Result.IsAccepted))
            .ShouldBeFalse("a command routed through the impostor never runs");
        Watch();

        await cluster.WaitUntilAsync(async () => Watch() && (await cluster.MembersAsync()).Members.Single(m => m.Node == rogue.Id).Status == MemberStatus.Dead,
            "the nodes, unable to probe the impostor, vote it Dead");
        await cluster.WaitUntilAsync(() => Watch() && cluster.Nodes.Where(n => n != rogue).Sum(n => n.ServedShards.Count) == cluster.Options.NumShards,
            "the honest nodes serve every shard");

        servedByRogue.ShouldBeEmpty();
        cluster.PeerRefusals.ShouldContain(r => r.Node == target.Id.Endpoint && r.Code == "certificate_invalid");
        (await cluster.CommittedAsync(entity)).ShouldBe(new LedgerState(0, 0));
        cluster.Recorder.All.ShouldAllBe(a => a.Node != rogue.Name);
        await cluster.AuditAsync();
    }

    [PostgresFact]
    public async Task A_node_certificate_naming_another_node_is_refused()
    {
        var cluster = await StartClusterAsync(new TestClusterOptions { Nodes = 2 });
        var (victim, target) = (cluster[0], cluster[1]);
        var entity = cluster.EntityIn(target.ServedShards[0]);
        var membersBefore = (await cluster.MembersAsync()).Members.Count;

        // A node holding a cluster-CA certificate issued for another node refuses to join, as a real node refuses to start.
        var join = await Should.ThrowAsync<InvalidOperationException>(() => cluster.AddNodeAsync(new TestNodeCertificate { NamesNode = victim.Id.Endpoint }));
        join.Message.ShouldContain($"names node '{victim.Id.Endpoint}'");
        (await cluster.MembersAsync()).Members.Count.ShouldBe(membersBefore);

        // On the wire: that certificate may not send envelopes as any node but the one it names.
        using var certificate = cluster.Ca.IssueNode(victim.Id.Endpoint);
        using var http = HttpClusterTransport.CreateHttpClient(ClusterTls.ClientOptions(() => certificate, new CertificateValidator(() => cluster.Ca.Trusted, TimeProvider.System)));
        var impostor = new NodeId("127.0.0.1", 1, 1);
        var forbidden = await Should.ThrowAsync<ClusterTransportException>(() =>
            new HttpClusterTransport(http, cluster.Limits).SendAsync(new ClusterPeer(target.Id, target.Address), Batch(cluster, impostor, target.Id, entity), CancellationToken.None));

        forbidden.Message.ShouldContain("403");
        cluster.PeerRefusals.ShouldContain(r => r.Node == target.Id.Endpoint && r.Code == "identity_mismatch");
        (await cluster.CommittedAsync(entity)).ShouldBe(new LedgerState(0, 0));
        cluster.Recorder.All.ShouldBeEmpty();
        await cluster.AuditAsync();
    }

    private static DeliveryBatch Batch(TestCluster cluster, NodeId from, NodeId to, string entity)
    {
        var (type, payload) = new CommandCodec<LedgerCommand>().Encode(new Deposit(5));
        return new DeliveryBatch([new ClusterEnvelope(Guid.NewGuid().ToString("N"), from.ToString(), to.ToString(), LedgerDecider.KindName,
            Shards.ShardOf(entity, cluster.Options.NumShards), entity, Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(5), type, payload)]);
    }
}
