using System.Net;
using System.Text;
using ActorTrust.Client;
using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Peers;

namespace ActorTrust.Node.Tests;

public sealed class PeerSafetyApiTests
{
    private const string PeerId = "peer-one";

    [Fact]
    public async Task The_liveness_timer_degrades_a_peer_whose_heartbeats_stopped()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var federation = await Federation.StartAsync(clock, new Dictionary<string, string?> { ["actortrust:federation:liveness-check-interval"] = "1s" });
        await federation.EnrollAsync(PeerId);
        (await federation.Node.Client.HeartbeatAsync(PeerId, Federation.Disclosure, 1, federation.PeerKey)).Accepted.ShouldBeTrue();

        clock.Advance(TimeSpan.FromMinutes(6));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (await federation.StatusAsync(PeerId) != "degraded")
        {
            timeout.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }

    [Fact]
    public async Task A_compromise_disclosed_by_the_peer_suspends_it_at_once()
    {
        await using var federation = await Federation.StartAsync();
        await federation.EnrollAsync(PeerId);
        var disclosure = new CompromiseDisclosure(CompromiseNature.Intrusion, "host breached");

        var disclosed = await federation.Node.Client.DiscloseCompromiseAsync(PeerId, disclosure, null, federation.PeerKey);
        var stream = await federation.Node.Client.GetEntityEventsAsync("peer", PeerId);

        disclosed.Accepted.ShouldBeTrue(disclosed.Detail);
        (await federation.StatusAsync(PeerId)).ShouldBe("suspended");
        stream.Events.ShouldContain(e => e.EventType == "peer.compromise-disclosed.v1");
    }

    [Fact]
    public async Task A_peer_request_signed_by_another_key_than_the_peers_is_answered_401_and_writes_nothing()
    {
        await using var federation = await Federation.StartAsync();
        await federation.EnrollAsync(PeerId);
        var before = await federation.JournalEventsAsync();

        var heartbeat = await Should.ThrowAsync<ActorTrustApiException>(() => federation.Node.Client.HeartbeatAsync(PeerId, Federation.Disclosure, 1, federation.OperatorKey));

        (heartbeat.Status, heartbeat.Code).ShouldBe((401, "AuthorizationKeyUnknown"));
        (await federation.JournalEventsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_grant_restricted_to_a_cidr_is_refused_from_an_address_outside_it_whatever_the_caller_claims()
    {
        await using var federation = await Federation.StartAsync();
        var client = federation.Node.Client;
        await federation.EnrollAsync(PeerId);
        var restricted = new GrantRequest([GrantScope.Read], "vm", "remote-user", Restrictions: new GrantRestrictions([], [], ["10.0.0.0/8"]));
        var issued = await client.IssueGrantAsync(PeerId, restricted, federation.OperatorKey);
        var (grantId, credential) = (issued.State!.Value.GetProperty("grant_id").GetString()!, issued.State!.Value.GetProperty("credential").GetString()!);

        var fromLoopback = await client.ExerciseGrantAsync(PeerId, grantId, credential, new GrantUse(GrantScope.Read, "vm", "list"), federation.PeerKey);
        var claimed = await Should.ThrowAsync<ActorTrustApiException>(() =>
            client.ExerciseGrantAsync(PeerId, grantId, credential, new GrantUse(GrantScope.Read, "vm", "list", SourceAddress: "10.1.2.3"), federation.PeerKey));

        fromLoopback.Code.ShouldBe("GrantRestricted");
        claimed.Status.ShouldBe(400);
    }

    [Fact]
    public async Task A_revoke_naming_both_an_operator_and_the_peer_is_answered_400()
    {
        await using var federation = await Federation.StartAsync();
        var body = $$"""{"reason":"r","operator_key_id":"{{federation.OperatorKeyId}}","key_id":"{{federation.PeerKeyId}}"}""";

        using var response = await federation.Node.Http.PostAsync(new Uri($"v1/peers/{PeerId}/revoke", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
