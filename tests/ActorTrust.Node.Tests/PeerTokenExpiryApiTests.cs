namespace ActorTrust.Node.Tests;

public sealed class PeerTokenExpiryApiTests
{
    private const string PeerId = "peer-one";

    [Fact]
    public async Task A_seven_day_old_acceptance_token_is_refused_over_http_with_its_reason_and_accepts_nothing()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var federation = await Federation.StartAsync(clock);
        var client = federation.Node.Client;
        var digest = await federation.PublishContractAsync();
        var token = await federation.ProposeAsync(PeerId);
        var before = (await client.GetEntityEventsAsync("peer", PeerId)).Events.Count;

        clock.Advance(TimeSpan.FromDays(7));
        var outcome = await client.AcceptPeerAsync(PeerId, token, 1, digest, federation.PeerKey);
        var events = (await client.GetEntityEventsAsync("peer", PeerId)).Events;

        outcome.Accepted.ShouldBeFalse();
        outcome.Status.ShouldBe(422);
        outcome.Code.ShouldBe("AcceptanceTokenExpired");
        outcome.Detail!.ShouldContain("expired");
        (await federation.StatusAsync(PeerId)).ShouldBe("proposed");
        // Only the refusal is recorded (the audit trail of the attempt); no acceptance, no contract agreement.
        events.Skip(before).Select(e => e.EventType).ShouldBe(["peer.command-refused.v1"]);
    }

    [Fact]
    public async Task An_acceptance_token_a_minute_before_its_expiry_is_still_honoured()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var federation = await Federation.StartAsync(clock);
        var digest = await federation.PublishContractAsync();
        var token = await federation.ProposeAsync(PeerId);

        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        var outcome = await federation.Node.Client.AcceptPeerAsync(PeerId, token, 1, digest, federation.PeerKey);

        outcome.Accepted.ShouldBeTrue(outcome.Detail);
        (await federation.StatusAsync(PeerId)).ShouldBe("accepted");
    }
}
