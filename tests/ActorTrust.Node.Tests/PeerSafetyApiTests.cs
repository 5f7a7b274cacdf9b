using System.Net;
using System.Text;
using ActorTrust.Client;
using ActorTrust.Core.Federation.Grants;

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
        (await federation.Node.Client.HeartbeatAsync(PeerId, Federation.Disclosure, 1, federation.PeerKeyId)).Accepted.ShouldBeTrue();

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
        var body = $$"""{"disclosure":{"nature":"intrusion","description":"host breached"},"key_id":"{{federation.PeerKeyId}}"}""";

        using var response = await federation.Node.Http.PostAsync(new Uri($"v1/peers/{PeerId}/compromise", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        var stream = await federation.Node.Client.GetEntityEventsAsync("peer", PeerId);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await federation.StatusAsync(PeerId)).ShouldBe("suspended");
        stream.Events.ShouldContain(e => e.EventType == "peer.compromise-disclosed.v1");
    }

    [Fact]
    public async Task A_peer_request_naming_another_key_is_refused_and_recorded()
    {
        await using var federation = await Federation.StartAsync();
        await federation.EnrollAsync(PeerId);

        var heartbeat = await federation.Node.Client.HeartbeatAsync(PeerId, Federation.Disclosure, 1, federation.OperatorKeyId);
        var stream = await federation.Node.Client.GetEntityEventsAsync("peer", PeerId);

        heartbeat.Code.ShouldBe("PeerKeyMismatch");
        stream.Events.ShouldContain(e => e.EventType == "peer.command-refused.v1");
    }

    [Fact]
    public async Task A_grant_restricted_to_a_cidr_is_refused_from_an_address_outside_it_whatever_the_caller_claims()
    {
        await using var federation = await Federation.StartAsync();
        var client = federation.Node.Client;
        await federation.EnrollAsync(PeerId);
        var restricted = new GrantRequest([GrantScope.Read], "vm", "remote-user", Restrictions: new GrantRestrictions([], [], ["10.0.0.0/8"]));
        var issued = await client.IssueGrantAsync(PeerId, restricted, federation.OperatorKeyId);
        var (grantId, credential) = (issued.State!.Value.GetProperty("grant_id").GetString()!, issued.State!.Value.GetProperty("credential").GetString()!);

        var fromLoopback = await client.ExerciseGrantAsync(PeerId, grantId, credential, new GrantUse(GrantScope.Read, "vm", "list"), federation.PeerKeyId);
        var claimed = await Should.ThrowAsync<ActorTrustApiException>(() =>
            client.ExerciseGrantAsync(PeerId, grantId, credential, new GrantUse(GrantScope.Read, "vm", "list", SourceAddress: "10.1.2.3"), federation.PeerKeyId));

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
