using System.Net;
using System.Text;
using ActorTrust.Core.Federation.Grants;

namespace ActorTrust.Node.Tests;

public sealed class PeerApiTests
{
    private const string PeerId = "peer-one";

    [Fact]
    public async Task Published_contract_then_propose_accept_enroll_and_heartbeat_make_the_peer_active()
    {
        await using var federation = await Federation.StartAsync();
        var client = federation.Node.Client;
        var digest = await federation.PublishContractAsync();
        var token = await federation.ProposeAsync(PeerId);

        var accepted = await client.AcceptPeerAsync(PeerId, token, 1, digest, federation.PeerKey);
        var enrolled = await client.EnrollPeerAsync(PeerId, Federation.Disclosure, Federation.Capabilities, federation.PeerKey);
        var heartbeat = await client.HeartbeatAsync(PeerId, Federation.Disclosure, 1, federation.PeerKey);

        accepted.Accepted.ShouldBeTrue(accepted.Detail);
        enrolled.Accepted.ShouldBeTrue(enrolled.Detail);
        heartbeat.Accepted.ShouldBeTrue(heartbeat.Detail);
        (await federation.StatusAsync(PeerId)).ShouldBe("active");
        var peer = (await client.GetPeerAsync(PeerId)).ShouldNotBeNull().GetRawText();
        peer.ShouldNotContain(token);
        (await client.GetLatestContractAsync()).ShouldNotBeNull().GetProperty("digest").GetString().ShouldBe(digest);
    }

    [Fact]
    public async Task The_acceptance_token_is_shown_once_and_not_again_for_a_retried_proposal()
    {
        await using var federation = await Federation.StartAsync();
        var client = federation.Node.Client;

        var first = await client.ProposePeerAsync(PeerId, "peer-operator", "https://peer.example/f", federation.PeerPublicKey, "pilot", federation.OperatorKey, "propose-1");
        var retry = await client.ProposePeerAsync(PeerId, "peer-operator", "https://peer.example/f", federation.PeerPublicKey, "pilot", federation.OperatorKey, "propose-1");

        first.State!.Value.GetProperty("acceptance_token").GetString()!.Length.ShouldBe(43);
        retry.Duplicate.ShouldBeTrue();
        retry.State!.Value.GetProperty("acceptance_token").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Acceptance_with_the_wrong_contract_digest_is_refused()
    {
        await using var federation = await Federation.StartAsync();
        await federation.PublishContractAsync();
        var token = await federation.ProposeAsync(PeerId);

        var outcome = await federation.Node.Client.AcceptPeerAsync(PeerId, token, 1, Core.Hashing.Digest.Sha256("another text"u8).ToString(), federation.PeerKey);

        outcome.Accepted.ShouldBeFalse();
        outcome.Code.ShouldBe("ContractDigestMismatch");
        (await federation.StatusAsync(PeerId)).ShouldBe("proposed");
    }

    [Fact]
    public async Task A_spent_acceptance_token_is_refused_the_second_time()
    {
        await using var federation = await Federation.StartAsync();
        var client = federation.Node.Client;
        var digest = await federation.PublishContractAsync();
        var token = await federation.ProposeAsync(PeerId);
        (await client.AcceptPeerAsync(PeerId, token, 1, digest, federation.PeerKey)).Accepted.ShouldBeTrue();

        var reuse = await client.AcceptPeerAsync(PeerId, token, 1, digest, federation.PeerKey);

        reuse.Accepted.ShouldBeFalse();
        reuse.Code.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_principal_of_the_home_domain_without_federator_gets_the_deciders_refusal_and_nothing_is_written()
    {
        await using var federation = await Federation.StartAsync();
        var before = await federation.JournalEventsAsync();

        var publish = await federation.Node.Client.PublishContractAsync(1, "text", federation.PublisherKey);
        var propose = await federation.Node.Client.ProposePeerAsync(PeerId, "peer-operator", "https://peer.example/f", federation.PeerPublicKey, "pilot", federation.PublisherKey);

        (publish.Status, publish.Code).ShouldBe((422, "ActorNotAuthorized"));
        (propose.Status, propose.Code).ShouldBe((422, "ActorNotAuthorized"));
        (await federation.JournalEventsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Without_heartbeats_for_five_minutes_a_liveness_check_degrades_the_peer_and_a_heartbeat_restores_it()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var federation = await Federation.StartAsync(clock);
        var client = federation.Node.Client;
        await federation.EnrollAsync(PeerId);
        (await client.HeartbeatAsync(PeerId, Federation.Disclosure, 1, federation.PeerKey)).Accepted.ShouldBeTrue();

        clock.Advance(TimeSpan.FromMinutes(4));
        (await client.CheckPeerLivenessAsync(PeerId)).Accepted.ShouldBeTrue();
        var beforeStale = await federation.StatusAsync(PeerId);
        clock.Advance(TimeSpan.FromMinutes(2));
        (await client.CheckPeerLivenessAsync(PeerId)).Accepted.ShouldBeTrue();
        var afterStale = await federation.StatusAsync(PeerId);
        (await client.HeartbeatAsync(PeerId, Federation.Disclosure, 1, federation.PeerKey)).Accepted.ShouldBeTrue();

        beforeStale.ShouldBe("active");
        afterStale.ShouldBe("degraded");
        (await federation.StatusAsync(PeerId)).ShouldBe("active");
    }

    [Fact]
    public async Task A_grant_credential_is_shown_once_honoured_when_exercised_and_refused_after_revocation()
    {
        await using var federation = await Federation.StartAsync();
        var client = federation.Node.Client;
        await federation.EnrollAsync(PeerId);
        var issued = await client.IssueGrantAsync(PeerId, new GrantRequest([GrantScope.Read], "vm", "remote-user"), federation.OperatorKey);
        var grantId = issued.State!.Value.GetProperty("grant_id").GetString()!;
        var credential = issued.State!.Value.GetProperty("credential").GetString()!;
        var use = new GrantUse(GrantScope.Read, "vm", "list");

        var exercised = await client.ExerciseGrantAsync(PeerId, grantId, credential, use, federation.PeerKey);
        var wrongCredential = await client.ExerciseGrantAsync(PeerId, grantId, new string('A', 43), use, federation.PeerKey);
        var revoked = await client.RevokeGrantAsync(PeerId, grantId, "pilot over", federation.OperatorKey);
        var afterRevoke = await client.ExerciseGrantAsync(PeerId, grantId, credential, use, federation.PeerKey);

        exercised.Accepted.ShouldBeTrue(exercised.Detail);
        wrongCredential.Code.ShouldBe("GrantCredentialInvalid");
        revoked.Accepted.ShouldBeTrue(revoked.Detail);
        afterRevoke.Code.ShouldBe("GrantNotHonoured");
        (await client.GetPeerAsync(PeerId)).ShouldNotBeNull().GetRawText().ShouldNotContain(credential);
    }

    [Fact]
    public async Task Revocation_is_terminal()
    {
        await using var federation = await Federation.StartAsync();
        var client = federation.Node.Client;
        await federation.EnrollAsync(PeerId);

        var revoked = await client.PeerOperatorActionAsync(PeerId, "revoke", "ended", federation.OperatorKey);
        var reinstate = await client.PeerOperatorActionAsync(PeerId, "reinstate", "changed our mind", federation.OperatorKey);
        var heartbeat = await client.HeartbeatAsync(PeerId, Federation.Disclosure, 1, federation.PeerKey);

        revoked.Accepted.ShouldBeTrue(revoked.Detail);
        reinstate.Code.ShouldBe("PeerAlreadyRevoked");
        heartbeat.Code.ShouldBe("PeerAlreadyRevoked");
        (await federation.StatusAsync(PeerId)).ShouldBe("revoked");
    }

    [Fact]
    public async Task Suspension_and_reinstatement_return_the_peer_to_accepted()
    {
        await using var federation = await Federation.StartAsync();
        var client = federation.Node.Client;
        await federation.EnrollAsync(PeerId);

        (await client.PeerOperatorActionAsync(PeerId, "suspend", "review", federation.OperatorKey)).Accepted.ShouldBeTrue();
        var suspended = await federation.StatusAsync(PeerId);
        (await client.PeerOperatorActionAsync(PeerId, "reinstate", "reviewed", federation.OperatorKey)).Accepted.ShouldBeTrue();

        suspended.ShouldBe("suspended");
        (await federation.StatusAsync(PeerId)).ShouldBe("accepted");
    }

    [Theory]
    [InlineData("v1/peers", "{\"peer_id\":\"p\"}")]
    [InlineData("v1/peers", "{\"peer_id\":\"p\",\"operator_id\":\"o\",\"endpoint\":\"https://e\",\"public_key\":\"k\",\"reason\":\"r\",\"operator_key_id\":\"not-a-digest\"}")]
    [InlineData("v1/peers/p/accept", "{\"acceptance_token\":\"t\",\"contract_version\":1,\"contract_digest\":\"sha256:zz\",\"key_id\":\"k\"}")]
    [InlineData("v1/peers/p/heartbeat", "{\"surprise\":true}")]
    [InlineData("v1/contracts", "not json")]
    [InlineData("v1/contracts/01/deprecate", "{\"reason\":\"r\",\"operator_key_id\":\"k\"}")]
    public async Task Malformed_federation_bodies_are_answered_400(string path, string body)
    {
        await using var federation = await Federation.StartAsync();

        using var response = await federation.Node.Http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
