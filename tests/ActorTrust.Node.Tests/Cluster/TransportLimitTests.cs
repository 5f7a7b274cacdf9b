using System.Globalization;
using System.Text.Json;
using ActorTrust.Node.Hosting;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Transport;

namespace ActorTrust.Node.Tests.Cluster;

/// <summary>
/// <c>actortrust.cluster.transport</c>: bound from HOCON with the documented defaults, checked at start naming the
/// setting, and applied by a running node's node-to-node listener (a batch or payload one past the configured
/// bound is refused whole; one at the bound is taken).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TransportLimitTests(ClusterFixture cluster)
{
    [Fact]
    public void Reference_conf_transport_limits_are_the_documented_defaults()
    {
        var limits = NodeSettings.Load(null).Cluster.Routing.Limits;

        limits.ShouldBe(new TransportLimits { MaxBatchEnvelopes = 256, MaxPayloadBytes = 256 * 1024, MaxBodyBytes = 8 * 1024 * 1024, MaxDepth = 32 });
    }

    [Fact]
    public void Transport_limits_given_in_a_config_file_are_bound()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "actortrust.cluster.transport { max-batch-envelopes = 8, max-payload-bytes = 2 KiB, max-body-bytes = 1 MiB, max-depth = 12 }");

            var limits = NodeSettings.Load(path).Cluster.Routing.Limits;

            limits.ShouldBe(new TransportLimits { MaxBatchEnvelopes = 8, MaxPayloadBytes = 2048, MaxBodyBytes = 1024 * 1024, MaxDepth = 12 });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("max-batch-envelopes", "0")]
    [InlineData("max-batch-envelopes", "10001")]
    [InlineData("max-payload-bytes", "0")]
    [InlineData("max-payload-bytes", "huge")]
    [InlineData("max-payload-bytes", "65 MiB")]
    [InlineData("max-body-bytes", "65 MiB")]
    [InlineData("max-body-bytes", "100 KiB")] // under the default max-payload-bytes of 256 KiB
    [InlineData("max-depth", "0")]
    [InlineData("max-depth", "65")]
    public void An_invalid_transport_limit_stops_start_up_naming_the_setting(string key, string value)
    {
        var error = Should.Throw<ArgumentException>(() => NodeSettings.Load(null, new Dictionary<string, string?> { ["actortrust:cluster:transport:" + key] = value }));

        error.Message.ShouldContain("actortrust.cluster.transport." + key);
    }

    [Fact]
    public async Task A_clustered_node_takes_a_batch_at_the_configured_size_and_refuses_one_envelope_more()
    {
        await using var node = await StartAsync(new() { ["actortrust:cluster:transport:max-batch-envelopes"] = "2" });
        using var http = HttpClusterTransport.CreateHttpClient();

        var at = await SendAsync(http, node, [Envelope(node, "c1", 10), Envelope(node, "c2", 10)]);
        var over = await Should.ThrowAsync<ClusterTransportException>(() => SendAsync(http, node, [Envelope(node, "c1", 10), Envelope(node, "c2", 10), Envelope(node, "c3", 10)]));

        at.Answers.Count.ShouldBe(2);
        over.Message.ShouldContain("400");
        over.Message.ShouldContain("at most 2 envelopes");
    }

    [Fact]
    public async Task A_clustered_node_takes_a_payload_at_the_configured_size_and_refuses_one_byte_more()
    {
        await using var node = await StartAsync(new() { ["actortrust:cluster:transport:max-payload-bytes"] = "1 KiB" });
        using var http = HttpClusterTransport.CreateHttpClient();

        var at = await SendAsync(http, node, [Envelope(node, "c1", 1024)]);
        var over = await Should.ThrowAsync<ClusterTransportException>(() => SendAsync(http, node, [Envelope(node, "c2", 1025)]));

        at.Answers.Count.ShouldBe(1);
        over.Message.ShouldContain("400");
        over.Message.ShouldContain("over the 1024-byte limit");
    }

    private async Task<NodeFixture> StartAsync(Dictionary<string, string?> transport)
    {
        var settings = ClusterFixture.NodeSettings(await cluster.CreateDatabaseAsync());
        foreach (var (key, value) in transport)
        {
            settings[key] = value;
        }

        var node = await NodeFixture.StartAsync(overrides: settings);
        node.Runtime.Cluster.ShouldNotBeNull().Settings.Routing.Limits.ShouldNotBe(new TransportLimits());
        return node;
    }

    // An envelope for a kind the node does not host: the receiver answers it (it is not a wire error), so "taken"
    // means the batch passed every transport bound. The payload's JSON text is exactly payloadBytes long.
    private static ClusterEnvelope Envelope(NodeFixture node, string commandId, int payloadBytes)
    {
        var payload = JsonDocument.Parse($$"""{"p":"{{new string('x', payloadBytes - 8)}}"}""").RootElement.Clone();
        payload.GetRawText().Length.ShouldBe(payloadBytes);
        return new ClusterEnvelope("m-" + commandId, "127.0.0.1:1:1", node.Runtime.NodeId, "absent", 0, "e1", commandId, TimeSpan.FromSeconds(10), "Nothing", payload);
    }

    private static Task<DeliveryReply> SendAsync(HttpClient http, NodeFixture node, ClusterEnvelope[] envelopes)
    {
        var settings = node.Runtime.Cluster!.Settings;
        var target = NodeId.TryParse(node.Runtime.NodeId, out var id) ? id! : throw new InvalidOperationException(node.Runtime.NodeId);
        var address = $"http://127.0.0.1:{settings.Listen.Port.ToString(CultureInfo.InvariantCulture)}";
        // The sender uses the default (larger) limits, so the refusal is the receiver's configured bound.
        return new HttpClusterTransport(http, new TransportLimits())
            .SendAsync(new ClusterPeer(target, address), new DeliveryBatch([.. envelopes]), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));
    }
}
