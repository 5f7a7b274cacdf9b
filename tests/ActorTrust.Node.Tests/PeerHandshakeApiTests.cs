using ActorTrust.Core.Federation.Peers;

namespace ActorTrust.Node.Tests;

public sealed class PeerHandshakeApiTests
{
    private const string PeerId = "peer-one";

    [Fact]
    public async Task A_heartbeat_advertising_another_contract_version_raises_a_finding()
    {
        await using var federation = await Federation.StartAsync();
        await federation.EnrollAsync(PeerId);

        var heartbeat = await federation.Node.Client.HeartbeatAsync(PeerId, Federation.Disclosure, 2, federation.PeerKeyId);

        heartbeat.Accepted.ShouldBeTrue(heartbeat.Detail);
        heartbeat.Events.ShouldContain("peer.finding-raised.v1");
    }

    [Fact]
    public async Task Enrolment_from_an_incompatible_platform_version_is_refused_with_the_reason()
    {
        await using var federation = await Federation.StartAsync();
        var client = federation.Node.Client;
        var digest = await federation.PublishContractAsync();
        var token = await federation.ProposeAsync(PeerId);
        (await client.AcceptPeerAsync(PeerId, token, 1, digest, federation.PeerKeyId)).Accepted.ShouldBeTrue();

        var enrolled = await client.EnrollPeerAsync(PeerId, Federation.Disclosure with { PlatformVersion = "2.0.0" }, Federation.Capabilities, federation.PeerKeyId);

        enrolled.Code.ShouldBe("PlatformVersionIncompatible");
        (await federation.StatusAsync(PeerId)).ShouldBe("accepted");
    }

    [Fact]
    public async Task An_anonymous_peer_can_be_proposed_and_accepted_but_never_enrolled()
    {
        await using var federation = await Federation.StartAsync();
        var client = federation.Node.Client;
        var digest = await federation.PublishContractAsync();
        var token = await federation.ProposeAsync(PeerId);
        (await client.AcceptPeerAsync(PeerId, token, 1, digest, federation.PeerKeyId)).Accepted.ShouldBeTrue();

        var enrolled = await client.EnrollPeerAsync(PeerId, new IdentityDisclosure(PlatformVersion: "0.1.0"), Federation.Capabilities, federation.PeerKeyId);

        enrolled.Code.ShouldBe("IdentityDisclosureIncomplete");
    }

    [Fact]
    public async Task Rehandshakes_beyond_the_configured_rate_limit_are_refused()
    {
        await using var federation = await Federation.StartAsync(settings: new Dictionary<string, string?> { ["actortrust:federation:handshake-rate-limit:max-handshakes"] = "2" });
        await federation.EnrollAsync(PeerId);
        var body = $$"""{"disclosure":{"operator_contact":"ops@peer.example","jurisdiction":"EU","platform_version":"0.1.0","last_known_good_release_tag":"v0.1.0","data_residency":"EU"},"capabilities":{"resources":[{"kind":"vm","schema_versions":["v1"],"filter_predicates":[]}]},"key_id":"{{federation.PeerKeyId}}"}""";

        using var second = await Rehandshake(federation, body);
        using var third = await Rehandshake(federation, body);

        second.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await second.Content.ReadAsStringAsync());
        (await third.Content.ReadAsStringAsync()).ShouldContain("HandshakeRateLimited");
    }

    private static Task<HttpResponseMessage> Rehandshake(Federation federation, string body) =>
        federation.Node.Http.PostAsync(new Uri($"v1/peers/{PeerId}/rehandshake", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
}
