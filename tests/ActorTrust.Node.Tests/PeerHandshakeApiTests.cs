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

        var heartbeat = await federation.Node.Client.HeartbeatAsync(PeerId, Federation.Disclosure, 2, federation.PeerKey);

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
        (await client.AcceptPeerAsync(PeerId, token, 1, digest, federation.PeerKey)).Accepted.ShouldBeTrue();

        var enrolled = await client.EnrollPeerAsync(PeerId, Federation.Disclosure with { PlatformVersion = "2.0.0" }, Federation.Capabilities, federation.PeerKey);

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
        (await client.AcceptPeerAsync(PeerId, token, 1, digest, federation.PeerKey)).Accepted.ShouldBeTrue();

        var enrolled = await client.EnrollPeerAsync(PeerId, new IdentityDisclosure(PlatformVersion: "0.1.0"), Federation.Capabilities, federation.PeerKey);

        enrolled.Code.ShouldBe("IdentityDisclosureIncomplete");
    }

    [Fact]
    public async Task Rehandshakes_beyond_the_configured_rate_limit_are_refused()
    {
        await using var federation = await Federation.StartAsync(settings: new Dictionary<string, string?> { ["actortrust:federation:handshake-rate-limit:max-handshakes"] = "2" });
        await federation.EnrollAsync(PeerId);
        var client = federation.Node.Client;

        var second = await client.RehandshakePeerAsync(PeerId, Federation.Disclosure, Federation.Capabilities, federation.PeerKey);
        var third = await client.RehandshakePeerAsync(PeerId, Federation.Disclosure, Federation.Capabilities, federation.PeerKey);

        second.Accepted.ShouldBeTrue(second.Detail);
        third.Code.ShouldBe("HandshakeRateLimited");
    }
}
