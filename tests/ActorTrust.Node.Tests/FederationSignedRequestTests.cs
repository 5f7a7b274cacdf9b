using System.Net;
using System.Text.Json.Nodes;
using ActorTrust.Client;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Migrations;
using ActorTrust.Core.Json;
using ActorTrust.Core.Requests;

namespace ActorTrust.Node.Tests;

/// <summary>
/// Every federation request that names a key carries a request authorization signed by that key: operator keys are
/// principals of the home domain, the peer's key is the one it was proposed with. Anything else is answered 401 and
/// writes nothing.
/// </summary>
public sealed class FederationSignedRequestTests
{
    private const string PeerId = "peer-one";

    [Fact]
    public async Task Every_federation_endpoint_that_names_a_key_refuses_an_unsigned_a_foreign_and_a_misdirected_request_with_401_and_writes_nothing()
    {
        await using var federation = await Federation.StartAsync();
        var endpoints = await EndpointsAsync(federation);
        var before = await federation.JournalEventsAsync();
        var failures = new List<string>();

        foreach (var (path, body, target, signer) in endpoints)
        {
            var unsigned = await federation.PostSignedAsync(path, (JsonObject)body.DeepClone(), target, null);
            var foreign = await federation.PostSignedAsync(path, (JsonObject)body.DeepClone(), target, federation.StrangerKey); // names the right key
            var misdirected = await federation.PostSignedAsync(path, (JsonObject)body.DeepClone(), target with { Action = target.Action + "-other" }, signer);
            Expect(failures, path, "unsigned", unsigned, "AuthorizationMissing");
            Expect(failures, path, "signed by another key", foreign, "AuthorizationKeyMismatch");
            Expect(failures, path, "signed for another action", misdirected, "AuthorizationTargetMismatch");
        }

        endpoints.Count.ShouldBe(20);
        failures.ShouldBeEmpty();
        (await federation.JournalEventsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_correctly_signed_raw_request_is_accepted()
    {
        await using var federation = await Federation.StartAsync();
        await federation.EnrollAsync(PeerId);

        var (status, answer, _) = await federation.PostSignedAsync($"v1/peers/{PeerId}/suspend", Reason(federation.OperatorKeyId, "operator_key_id"),
            new RequestTarget("peer", PeerId, "suspend"), federation.OperatorKey);

        status.ShouldBe(HttpStatusCode.OK, answer);
        (await federation.StatusAsync(PeerId)).ShouldBe("suspended");
    }

    [Fact]
    public async Task An_operator_key_that_is_not_a_principal_of_the_home_domain_is_answered_401_and_writes_nothing()
    {
        await using var federation = await Federation.StartAsync();
        var before = await federation.JournalEventsAsync();

        var publish = await Should.ThrowAsync<ActorTrustApiException>(() => federation.Node.Client.PublishContractAsync(1, "text", federation.StrangerKey));
        var propose = await Should.ThrowAsync<ActorTrustApiException>(() =>
            federation.Node.Client.ProposePeerAsync(PeerId, "peer-operator", "https://peer.example/f", federation.PeerPublicKey, "pilot", federation.StrangerKey));

        (publish.Status, publish.Code).ShouldBe((401, "AuthorizationKeyUnknown"));
        (propose.Status, propose.Code).ShouldBe((401, "AuthorizationKeyUnknown"));
        (await federation.JournalEventsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_operator_request_signed_by_the_peers_key_is_answered_401_and_writes_nothing()
    {
        await using var federation = await Federation.StartAsync();
        await federation.EnrollAsync(PeerId);
        var before = await federation.JournalEventsAsync();

        var suspend = await Should.ThrowAsync<ActorTrustApiException>(() => federation.Node.Client.PeerOperatorActionAsync(PeerId, "suspend", "review", federation.PeerKey));
        var grant = await Should.ThrowAsync<ActorTrustApiException>(() =>
            federation.Node.Client.IssueGrantAsync(PeerId, new GrantRequest([GrantScope.Read], "vm", "remote-user"), federation.PeerKey));

        (suspend.Status, suspend.Code).ShouldBe((401, "AuthorizationKeyUnknown"));
        (grant.Status, grant.Code).ShouldBe((401, "AuthorizationKeyUnknown"));
        (await federation.JournalEventsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_request_signed_for_peer_a_presented_at_peer_b_is_answered_401_and_writes_nothing()
    {
        await using var federation = await Federation.StartAsync();
        await federation.EnrollAsync("peer-a");
        await federation.ProposeAsync("peer-b"); // the same key: only the signed target tells the two apart
        var body = Reason(federation.OperatorKeyId, "operator_key_id");
        RequestAuthorizations.Sign(body, new RequestTarget("peer", "peer-a", "suspend"), federation.OperatorKey, DateTimeOffset.UtcNow);
        var heartbeat = Heartbeat(federation.PeerKeyId);
        RequestAuthorizations.Sign(heartbeat, new RequestTarget("peer", "peer-a", "heartbeat"), federation.PeerKey, DateTimeOffset.UtcNow);
        var before = await federation.JournalEventsAsync();

        var (operatorStatus, operatorAnswer) = await federation.PostAsync("v1/peers/peer-b/suspend", body.ToJsonString());
        var (peerStatus, peerAnswer) = await federation.PostAsync("v1/peers/peer-b/heartbeat", heartbeat.ToJsonString());

        operatorStatus.ShouldBe(HttpStatusCode.Unauthorized);
        operatorAnswer.ShouldContain("AuthorizationTargetMismatch");
        peerStatus.ShouldBe(HttpStatusCode.Unauthorized);
        peerAnswer.ShouldContain("AuthorizationTargetMismatch");
        (await federation.JournalEventsAsync()).ShouldBe(before);
        (await federation.StatusAsync("peer-b")).ShouldBe("proposed");
    }

    [Fact]
    public async Task A_tampered_body_member_is_answered_401_and_writes_nothing()
    {
        await using var federation = await Federation.StartAsync();
        await federation.EnrollAsync(PeerId);
        var issue = Grant(federation.OperatorKeyId, GrantScope.Read);
        RequestAuthorizations.Sign(issue, new RequestTarget("peer", PeerId, "grants"), federation.OperatorKey, DateTimeOffset.UtcNow);
        issue["grant"]!["scopes"] = new JsonArray("admin");
        var heartbeat = Heartbeat(federation.PeerKeyId);
        RequestAuthorizations.Sign(heartbeat, new RequestTarget("peer", PeerId, "heartbeat"), federation.PeerKey, DateTimeOffset.UtcNow);
        heartbeat["advertised_contract_version"] = 2;
        var before = await federation.JournalEventsAsync();

        var (issueStatus, issueAnswer) = await federation.PostAsync($"v1/peers/{PeerId}/grants", issue.ToJsonString());
        var (heartbeatStatus, heartbeatAnswer) = await federation.PostAsync($"v1/peers/{PeerId}/heartbeat", heartbeat.ToJsonString());

        issueStatus.ShouldBe(HttpStatusCode.Unauthorized);
        issueAnswer.ShouldContain("AuthorizationBodyMismatch");
        heartbeatStatus.ShouldBe(HttpStatusCode.Unauthorized);
        heartbeatAnswer.ShouldContain("AuthorizationBodyMismatch");
        (await federation.JournalEventsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_replayed_signed_body_gets_the_original_outcome_and_writes_nothing_new()
    {
        await using var federation = await Federation.StartAsync();
        await federation.EnrollAsync(PeerId);
        var (firstStatus, firstAnswer, sent) = await federation.PostSignedAsync($"v1/peers/{PeerId}/grants", Grant(federation.OperatorKeyId, GrantScope.Read),
            new RequestTarget("peer", PeerId, "grants"), federation.OperatorKey);
        var (beatStatus, _, beat) = await federation.PostSignedAsync($"v1/peers/{PeerId}/heartbeat", Heartbeat(federation.PeerKeyId),
            new RequestTarget("peer", PeerId, "heartbeat"), federation.PeerKey);
        var before = await federation.JournalEventsAsync();

        var (replayStatus, replayAnswer) = await federation.PostAsync($"v1/peers/{PeerId}/grants", sent);
        var (beatReplayStatus, beatReplayAnswer) = await federation.PostAsync($"v1/peers/{PeerId}/heartbeat", beat);

        (firstStatus, beatStatus).ShouldBe((HttpStatusCode.OK, HttpStatusCode.OK), firstAnswer);
        replayStatus.ShouldBe(HttpStatusCode.OK);
        var replay = JsonNode.Parse(replayAnswer)!;
        replay["duplicate"]!.GetValue<bool>().ShouldBeTrue();
        replay["state"]!["credential"].ShouldBeNull(); // the credential is shown once, to the request that created it
        beatReplayStatus.ShouldBe(HttpStatusCode.OK);
        JsonNode.Parse(beatReplayAnswer)!["duplicate"]!.GetValue<bool>().ShouldBeTrue();
        (await federation.JournalEventsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_same_signature_under_another_command_id_is_answered_401_and_writes_nothing()
    {
        await using var federation = await Federation.StartAsync();
        await federation.EnrollAsync(PeerId);
        var (status, answer, sent) = await federation.PostSignedAsync($"v1/peers/{PeerId}/heartbeat", Heartbeat(federation.PeerKeyId),
            new RequestTarget("peer", PeerId, "heartbeat"), federation.PeerKey);
        status.ShouldBe(HttpStatusCode.OK, answer);
        var again = JsonNode.Parse(sent)!.AsObject();
        again["command_id"] = "another-command";
        var before = await federation.JournalEventsAsync();

        var (againStatus, againAnswer) = await federation.PostAsync($"v1/peers/{PeerId}/heartbeat", again.ToJsonString());

        againStatus.ShouldBe(HttpStatusCode.Unauthorized);
        againAnswer.ShouldContain("AuthorizationCommandIdMismatch");
        (await federation.JournalEventsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_authorization_older_than_the_freshness_window_is_answered_401_and_writes_nothing()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var federation = await Federation.StartAsync(clock);
        await federation.EnrollAsync(PeerId);
        var signedAt = clock.GetUtcNow();
        var suspend = Reason(federation.OperatorKeyId, "operator_key_id");
        RequestAuthorizations.Sign(suspend, new RequestTarget("peer", PeerId, "suspend"), federation.OperatorKey, signedAt);
        var heartbeat = Heartbeat(federation.PeerKeyId);
        RequestAuthorizations.Sign(heartbeat, new RequestTarget("peer", PeerId, "heartbeat"), federation.PeerKey, signedAt);
        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var before = await federation.JournalEventsAsync();

        var (suspendStatus, suspendAnswer) = await federation.PostAsync($"v1/peers/{PeerId}/suspend", suspend.ToJsonString());
        var (heartbeatStatus, heartbeatAnswer) = await federation.PostAsync($"v1/peers/{PeerId}/heartbeat", heartbeat.ToJsonString());

        suspendStatus.ShouldBe(HttpStatusCode.Unauthorized);
        suspendAnswer.ShouldContain("AuthorizationExpired");
        heartbeatStatus.ShouldBe(HttpStatusCode.Unauthorized);
        heartbeatAnswer.ShouldContain("AuthorizationExpired");
        (await federation.JournalEventsAsync()).ShouldBe(before);
        (await federation.StatusAsync(PeerId)).ShouldBe("enrolled");
    }

    [Fact]
    public async Task An_authorization_within_the_freshness_window_on_the_nodes_clock_is_honoured()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var federation = await Federation.StartAsync(clock);
        await federation.EnrollAsync(PeerId);
        var heartbeat = Heartbeat(federation.PeerKeyId);
        RequestAuthorizations.Sign(heartbeat, new RequestTarget("peer", PeerId, "heartbeat"), federation.PeerKey, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(4));

        var (status, answer) = await federation.PostAsync($"v1/peers/{PeerId}/heartbeat", heartbeat.ToJsonString());

        status.ShouldBe(HttpStatusCode.OK, answer);
    }

    [Fact]
    public async Task A_compromise_disclosed_by_the_operator_key_named_as_the_peers_key_is_answered_401()
    {
        await using var federation = await Federation.StartAsync();
        await federation.EnrollAsync(PeerId);
        var disclosure = new Core.Federation.Peers.CompromiseDisclosure(Core.Federation.Peers.CompromiseNature.Intrusion, "breach");

        var asPeer = await Should.ThrowAsync<ActorTrustApiException>(() => federation.Node.Client.DiscloseCompromiseAsync(PeerId, disclosure, null, federation.OperatorKey));
        var asOperator = await Should.ThrowAsync<ActorTrustApiException>(() => federation.Node.Client.DiscloseCompromiseAsync(PeerId, disclosure, federation.PeerKey, null));

        (asPeer.Status, asPeer.Code).ShouldBe((401, "AuthorizationKeyUnknown"));
        (asOperator.Status, asOperator.Code).ShouldBe((401, "AuthorizationKeyUnknown"));
        (await federation.StatusAsync(PeerId)).ShouldBe("enrolled");
    }

    // Every federation endpoint that names a key, with a well-formed body naming the right key, its target and its signer.
    private static async Task<List<(string Path, JsonObject Body, RequestTarget Target, IEnvelopeSigner Signer)>> EndpointsAsync(Federation federation)
    {
        var client = federation.Node.Client;
        await federation.EnrollAsync(PeerId);
        var digest = (await client.GetContractAsync(1))!.Value.GetProperty("digest").GetString()!;
        var issued = await client.IssueGrantAsync(PeerId, new GrantRequest([GrantScope.Migrate, GrantScope.Read], "vm", "remote-user"), federation.OperatorKey);
        var (grantId, credential) = (issued.State!.Value.GetProperty("grant_id").GetString()!, issued.State!.Value.GetProperty("credential").GetString()!);
        var items = MigrationApiTests.Items(1);
        var plan = MigrationApiTests.Plan(items, ConflictPolicy.Fail);
        var planned = await client.PlanMigrationAsync(PeerId, grantId, credential, plan, federation.PeerKey);
        var migrationId = planned.State!.Value.GetProperty("migration_id").GetString()!;
        var (op, peer) = (federation.OperatorKeyId, federation.PeerKeyId);
        var (asOperator, asPeer) = (federation.OperatorKey, federation.PeerKey);
        var p = $"v1/peers/{PeerId}";

        (string, JsonObject, RequestTarget, IEnvelopeSigner) Peer(string action, JsonObject body, IEnvelopeSigner signer) => ($"{p}/{action}", body, new("peer", PeerId, action), signer);

        return
        [
            ("v1/contracts", new JsonObject { ["version"] = 2, ["text"] = "v2", ["operator_key_id"] = op }, new("contract", "2", "publish"), asOperator),
            ("v1/contracts/1/deprecate", Reason(op, "operator_key_id"), new("contract", "1", "deprecate"), asOperator),
            ("v1/peers", new JsonObject
            {
                ["peer_id"] = "peer-two", ["operator_id"] = "o", ["endpoint"] = "https://two.example", ["public_key"] = federation.PeerPublicKey, ["reason"] = "r", ["operator_key_id"] = op,
            }, new("peer", "peer-two", "propose"), asOperator),
            Peer("accept", new JsonObject { ["acceptance_token"] = new string('A', 43), ["contract_version"] = 1, ["contract_digest"] = digest, ["key_id"] = peer }, asPeer),
            Peer("enroll", Handshake(peer), asPeer),
            Peer("rehandshake", Handshake(peer), asPeer),
            Peer("heartbeat", Heartbeat(peer), asPeer),
            Peer("suspend", Reason(op, "operator_key_id"), asOperator),
            Peer("reinstate", Reason(op, "operator_key_id"), asOperator),
            Peer("revoke", Reason(op, "operator_key_id"), asOperator),
            Peer("revoke", Reason(peer, "key_id"), asPeer),
            Peer("compromise", new JsonObject { ["disclosure"] = new JsonObject { ["nature"] = "intrusion", ["description"] = "d" }, ["key_id"] = peer }, asPeer),
            Peer("grants", Grant(op, GrantScope.Read), asOperator),
            Peer($"grants/{grantId}/revoke", Reason(op, "operator_key_id"), asOperator),
            Peer($"grants/{grantId}/exercise", new JsonObject { ["credential"] = credential, ["use"] = Node(new GrantUse(GrantScope.Read, "vm", "list")), ["key_id"] = peer }, asPeer),
            Peer("migrations", new JsonObject { ["grant_id"] = grantId, ["credential"] = credential, ["plan"] = Node(plan), ["key_id"] = peer }, asPeer),
            Peer($"migrations/{migrationId}/validate", new JsonObject { ["operator_key_id"] = op }, asOperator),
            Peer($"migrations/{migrationId}/apply", new JsonObject { ["items"] = Node(items), ["key_id"] = peer }, asPeer),
            Peer($"migrations/{migrationId}/cancel", Reason(peer, "key_id"), asPeer),
            Peer($"migrations/{migrationId}/cancel", Reason(op, "operator_key_id"), asOperator),
        ];
    }

    private static void Expect(List<string> failures, string path, string what, (HttpStatusCode Status, string Answer, string Sent) answer, string code)
    {
        if (answer.Status != HttpStatusCode.Unauthorized || !answer.Answer.Contains(code, StringComparison.Ordinal))
        {
            failures.Add($"{path} {what}: {(int)answer.Status} {answer.Answer}");
        }
    }

    private static JsonObject Reason(string keyId, string member) => new() { ["reason"] = "because", [member] = keyId };

    private static JsonObject Heartbeat(string keyId) =>
        new() { ["disclosure"] = Node(Federation.Disclosure), ["advertised_contract_version"] = 1, ["key_id"] = keyId };

    private static JsonObject Handshake(string keyId) =>
        new() { ["disclosure"] = Node(Federation.Disclosure), ["capabilities"] = Node(Federation.Capabilities), ["key_id"] = keyId };

    private static JsonObject Grant(string keyId, GrantScope scope) =>
        new() { ["grant"] = Node(new GrantRequest([scope], "vm", "remote-user")), ["operator_key_id"] = keyId };

    private static JsonNode? Node<T>(T value) => JsonNode.Parse(ActorTrustJson.ToCanonicalBytes(value));
}
