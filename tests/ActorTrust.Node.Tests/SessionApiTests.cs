using System.Text.Json;
using ActorTrust.Client;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.TrustRecords;
using ActorTrust.Runtime.Keys;

namespace ActorTrust.Node.Tests;

public sealed class SessionApiTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly SessionPeer _peer = new(77);

    public void Dispose() => _peer.Dispose();

    [Fact]
    public async Task Admitted_session_records_tool_calls_and_closes_with_a_trust_record_the_offline_verifier_accepts()
    {
        await using var node = await NodeFixture.StartAsync();
        var (agentId, manifest, manifestEnvelope) = await node.RegisterAgentAsync(Now);

        var opened = await node.Client.OpenSessionAsync(_peer.Request("s1", agentId, manifest, _peer.ClaimsEnvelope("nonce-000000000001", Now)));
        (await node.Client.RecordToolCallAsync(Session("s1"), "search", "public", "allow")).Accepted.ShouldBeTrue();
        (await node.Client.RecordToolCallAsync(Session("s1"), "shell", "secret", "deny")).Accepted.ShouldBeTrue();
        var closed = await node.Client.CloseSessionAsync(Session("s1"));

        opened.Accepted.ShouldBeTrue(opened.Detail);
        opened.State!.Value.GetProperty("snapshot").GetProperty("disposition").GetString().ShouldBe("verified");
        closed.Accepted.ShouldBeTrue(closed.Detail);
        var envelope = closed.State!.Value.GetProperty("trust_record").GetProperty("envelope").GetRawText();
        var verification = TrustRecordVerifier.Verify(envelope, [NodeKey(node)], manifestEnvelope, node.Trust.Authority(),
            await JournalLinksAsync(node.Client, Session("s1")));
        verification.IsVerified.ShouldBeTrue(verification.PrimaryError);
        verification.Record!.Transcript.CallCount.ShouldBe(2);
        verification.Record.Node.Sequence.ShouldBe(1);
    }

    [Fact]
    public async Task Policy_drift_is_refused_with_its_reason_and_the_refusal_is_in_the_session_journal()
    {
        await using var node = await NodeFixture.StartAsync();
        var (agentId, manifest, _) = await node.RegisterAgentAsync(Now);
        var drifted = _peer.Request("s1", agentId, manifest, null) with { PolicyBundleHash = Digest.Sha256("other policy"u8).ToString() };

        var outcome = await node.Client.OpenSessionAsync(drifted);
        var stream = await node.Client.GetEntityEventsAsync("session", Session("s1"));

        outcome.Accepted.ShouldBeFalse();
        outcome.Code.ShouldBe("PolicyHashDrift");
        stream.Events.ShouldHaveSingleItem().EventType.ShouldBe("session.refused.v1");
        (await node.Client.GetSessionAsync(Session("s1"))).ShouldNotBeNull().GetProperty("status").GetString().ShouldBe("refused");
    }

    [Fact]
    public async Task Sessions_are_listed_a_page_at_a_time_in_id_order_and_next_resumes_after_the_last_one()
    {
        await using var node = await NodeFixture.StartAsync();
        var (agentId, manifest, _) = await node.RegisterAgentAsync(Now);
        foreach (var id in new[] { "s3", "s1", "s2" })
        {
            var drifted = _peer.Request(id, agentId, manifest, null) with { PolicyBundleHash = Digest.Sha256("other policy"u8).ToString() };
            (await node.Client.OpenSessionAsync(drifted)).Code.ShouldBe("PolicyHashDrift"); // a refusal is journaled too
        }

        var first = await node.Client.ListSessionsAsync(limit: 2);
        var rest = await node.Client.ListSessionsAsync(limit: 2, after: first.GetProperty("next").GetString());
        var malformed = await node.Http.GetAsync(new Uri("v1/sessions?after=not-a-spiffe-id", UriKind.Relative));

        Ids(first).ShouldBe([Session("s1"), Session("s2")]);
        first.GetProperty("next").GetString().ShouldBe(Session("s2"));
        Ids(rest).ShouldBe([Session("s3")]);
        rest.GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);
        malformed.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);

        static List<string?> Ids(JsonElement page) => [.. page.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("session_id").GetString())];
    }

    [Fact]
    public async Task Missing_claims_under_best_effort_are_admitted_but_marked_unavailable()
    {
        await using var node = await NodeFixture.StartAsync();
        var (agentId, manifest, _) = await node.RegisterAgentAsync(Now);

        var outcome = await node.Client.OpenSessionAsync(_peer.Request("s1", agentId, manifest, null));

        outcome.Accepted.ShouldBeTrue(outcome.Detail);
        outcome.State!.Value.GetProperty("snapshot").GetProperty("disposition").GetString().ShouldBe("unavailable");
    }

    [Fact]
    public async Task A_replayed_claims_nonce_is_not_verified_the_second_time()
    {
        await using var node = await NodeFixture.StartAsync();
        var (agentId, manifest, _) = await node.RegisterAgentAsync(Now);
        var claims = _peer.ClaimsEnvelope("nonce-replayed-0001", Now);

        var first = await node.Client.OpenSessionAsync(_peer.Request("s1", agentId, manifest, claims));
        var replay = await node.Client.OpenSessionAsync(_peer.Request("s2", agentId, manifest, claims));

        first.State!.Value.GetProperty("snapshot").GetProperty("disposition").GetString().ShouldBe("verified");
        replay.State!.Value.GetProperty("snapshot").GetProperty("disposition").GetString().ShouldBe("invalid");
    }

    [Fact]
    public async Task Trust_records_of_one_node_are_numbered_and_chained_across_a_restart()
    {
        await using var node = await NodeFixture.StartAsync();
        var (agentId, manifest, _) = await node.RegisterAgentAsync(Now);
        await node.Client.OpenSessionAsync(_peer.Request("s1", agentId, manifest, null));
        var first = Record(await node.Client.CloseSessionAsync(Session("s1")));

        await node.RestartAsync();
        await node.Client.OpenSessionAsync(_peer.Request("s2", agentId, manifest, null));
        var second = Record(await node.Client.CloseSessionAsync(Session("s2")));

        first.Node.Sequence.ShouldBe(1);
        second.Node.Sequence.ShouldBe(2);
        second.Node.PreviousRecordHash.ShouldNotBeNull();
        (await node.Client.RecordToolCallAsync(Session("s2"), "search", "public", "allow")).Code.ShouldBe("SessionNotOpen");
    }

    [Fact]
    public async Task Malformed_session_requests_get_400_and_write_nothing()
    {
        await using var node = await NodeFixture.StartAsync();
        using var content = new StringContent("""{"session_id":"spiffe://example.org/session/x","surprise":1}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await node.Http.PostAsync(new Uri("v1/sessions", UriKind.Relative), content);

        ((int)response.StatusCode).ShouldBe(400);
        (await node.Client.GetFeedPageAsync(kinds: ["session"])).Events.ShouldBeEmpty();
    }

    private static string Session(string name) => SessionPeer.SessionId(name);

    private static TrustRecord Record(CommandOutcome closed)
    {
        closed.Accepted.ShouldBeTrue(closed.Detail);
        var envelope = EnvelopeJson.Parse(System.Text.Encoding.UTF8.GetBytes(closed.State!.Value.GetProperty("trust_record").GetProperty("envelope").GetRawText()));
        return JsonSerializer.Deserialize<TrustRecord>(envelope.Payload, Core.Json.ActorTrustJson.Options)!;
    }

    private static Ed25519PublicKey NodeKey(NodeFixture node)
    {
        using var key = KeyFileIo.Read(Path.Combine(node.DataDir, "node.key"));
        return key.PublicKey;
    }

    private static async Task<IReadOnlyList<JournalLink>> JournalLinksAsync(ActorTrustClient client, string sessionId)
    {
        var links = new List<JournalLink>();
        await foreach (var e in client.ReadEntityEventsAsync("session", sessionId))
        {
            links.Add(new JournalLink(e.SeqNr, Digest.Parse(e.PrevHash), Digest.Parse(e.Hash)));
        }

        return links;
    }
}
