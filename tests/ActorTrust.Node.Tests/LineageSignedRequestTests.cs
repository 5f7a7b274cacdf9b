using System.Net;
using System.Text.Json.Nodes;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Lineage;
using ActorTrust.Core.Requests;
using ActorTrust.TestKit.Time;
using static ActorTrust.Node.Tests.Limits.NodeProbe;
using static ActorTrust.Node.Tests.LineageNode;

namespace ActorTrust.Node.Tests;

/// <summary>
/// An executor's lineage command (renew, handoff, abort, transfer-sent, confirm, side-effects) is accepted only when
/// its body is signed by the executor key it names, and that key holds <c>executor</c> in the agent's domain. Every
/// refusal is a 401 <c>Authorization…</c> problem and leaves the journal as it was.
/// </summary>
public sealed class LineageSignedRequestTests
{
    public static TheoryData<string> ExecutorActions => new() { "renew", "handoff", "abort", "transfer-sent", "confirm", "side-effects" };

    [Fact]
    public async Task Renew_signed_by_the_named_owner_key_is_accepted()
    {
        await using var lineage = await GrantedAsync();

        var renewed = await PostAsync(lineage.Node, Path(lineage, "renew"), Signed(lineage, "renew", Body(lineage, "renew", lineage.A), lineage.A));

        renewed.Status.ShouldBe(HttpStatusCode.OK, renewed.ToString());
        (await lineage.Client.GetLineageAsync(lineage.AgentId)).ShouldNotBeNull().GetProperty("epoch").GetProperty("generation").GetInt64().ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(ExecutorActions))]
    public async Task Executor_command_without_an_authorization_is_refused_401_and_nothing_is_journaled(string action)
    {
        await using var lineage = await GrantedAsync();
        var before = await JournalHeadAsync(lineage.Node);

        var answer = await PostAsync(lineage.Node, Path(lineage, action), Body(lineage, action, lineage.A).ToJsonString());

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized, answer.ToString());
        answer.Code.ShouldBe("AuthorizationMissing");
        (await JournalHeadAsync(lineage.Node)).ShouldBe(before);
    }

    [Theory]
    [InlineData("renew")]
    [InlineData("handoff")]
    public async Task Request_naming_the_owner_but_signed_by_another_roster_executor_is_refused_as_key_mismatch(string action)
    {
        await using var lineage = await GrantedAsync();
        var before = await JournalHeadAsync(lineage.Node);

        // B holds executor too, but the body names A: B cannot act as A.
        var answer = await PostAsync(lineage.Node, Path(lineage, action), Signed(lineage, action, Body(lineage, action, lineage.A), lineage.B));

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized, answer.ToString());
        answer.Code.ShouldBe("AuthorizationKeyMismatch");
        (await JournalHeadAsync(lineage.Node)).ShouldBe(before);
    }

    [Fact]
    public async Task Signature_made_by_another_key_under_the_named_key_id_does_not_verify()
    {
        await using var lineage = await GrantedAsync();
        var before = await JournalHeadAsync(lineage.Node);
        var body = Body(lineage, "renew", lineage.A);

        // B signs a statement that claims to be A's: the key ids agree, the signature does not.
        var forged = Signed(lineage, "renew", body, new ClaimedSigner(lineage.B, Id(lineage.A)));
        var answer = await PostAsync(lineage.Node, Path(lineage, "renew"), forged);

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized, answer.ToString());
        answer.Code.ShouldBe("AuthorizationSignatureInvalid");
        (await JournalHeadAsync(lineage.Node)).ShouldBe(before);
    }

    [Fact]
    public async Task Key_that_does_not_hold_executor_in_the_domain_is_unknown()
    {
        await using var lineage = await GrantedAsync();
        var before = await JournalHeadAsync(lineage.Node);
        var publisher = lineage.Trust.Publisher;

        var answer = await PostAsync(lineage.Node, Path(lineage, "renew"), Signed(lineage, "renew", Body(lineage, "renew", publisher), publisher));

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized, answer.ToString());
        answer.Code.ShouldBe("AuthorizationKeyUnknown");
        (await JournalHeadAsync(lineage.Node)).ShouldBe(before);
    }

    [Theory]
    [InlineData("to")]
    [InlineData("epoch")]
    public async Task Body_member_changed_after_signing_is_refused(string member)
    {
        await using var lineage = await GrantedAsync();
        var before = await JournalHeadAsync(lineage.Node);
        var signed = JsonNode.Parse(Signed(lineage, "handoff", Body(lineage, "handoff", lineage.A), lineage.A))!.AsObject();

        signed[member] = member == "to" ? Id(lineage.Trust.Publisher).ToString() : new JsonObject { ["major"] = 1, ["generation"] = 1 };
        var answer = await PostAsync(lineage.Node, Path(lineage, "handoff"), signed.ToJsonString());

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized, answer.ToString());
        answer.Code.ShouldBe("AuthorizationBodyMismatch");
        (await JournalHeadAsync(lineage.Node)).ShouldBe(before);
    }

    [Fact]
    public async Task Replay_of_the_same_signed_body_is_answered_with_the_original_outcome_and_writes_nothing()
    {
        await using var lineage = await GrantedAsync();
        var signed = Signed(lineage, "handoff", Body(lineage, "handoff", lineage.A), lineage.A);
        var first = await PostAsync(lineage.Node, Path(lineage, "handoff"), signed);
        var after = await JournalHeadAsync(lineage.Node);

        var replay = await PostAsync(lineage.Node, Path(lineage, "handoff"), signed);

        first.Status.ShouldBe(HttpStatusCode.OK, first.ToString());
        replay.Status.ShouldBe(HttpStatusCode.OK, replay.ToString());
        var (original, repeated) = (JsonNode.Parse(first.Body)!, JsonNode.Parse(replay.Body)!);
        repeated["duplicate"]!.GetValue<bool>().ShouldBeTrue();
        repeated["version"]!.GetValue<long>().ShouldBe(original["version"]!.GetValue<long>());
        repeated["state"]!["snapshot"]!["status"]!.GetValue<string>().ShouldBe("handoff_initiated");
        (await JournalHeadAsync(lineage.Node)).ShouldBe(after);
    }

    [Fact]
    public async Task Same_signature_under_another_command_id_is_refused()
    {
        await using var lineage = await GrantedAsync();
        var before = await JournalHeadAsync(lineage.Node);
        var signed = JsonNode.Parse(Signed(lineage, "renew", Body(lineage, "renew", lineage.A), lineage.A))!.AsObject();

        signed["command_id"] = "another-command";
        var answer = await PostAsync(lineage.Node, Path(lineage, "renew"), signed.ToJsonString());

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized, answer.ToString());
        answer.Code.ShouldBe("AuthorizationCommandIdMismatch");
        (await JournalHeadAsync(lineage.Node)).ShouldBe(before);
    }

    [Fact]
    public async Task Authorization_signed_for_renew_cannot_be_used_for_a_side_effect()
    {
        await using var lineage = await GrantedAsync();
        var before = await JournalHeadAsync(lineage.Node);
        var body = Body(lineage, "side-effects", lineage.A);
        var signed = RequestAuthorizations.Sign(body, new RequestTarget("lineage", lineage.AgentId, "renew"), Signer(lineage.A), DateTimeOffset.UtcNow);

        var answer = await PostAsync(lineage.Node, Path(lineage, "side-effects"), signed.ToJsonString());

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized, answer.ToString());
        answer.Code.ShouldBe("AuthorizationTargetMismatch");
        (await JournalHeadAsync(lineage.Node)).ShouldBe(before);
    }

    [Fact]
    public async Task Authorization_older_than_the_nodes_max_age_is_refused_as_expired()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var lineage = await GrantedAsync(clock, new() { ["actortrust:security:request-authorization:max-age"] = "10s" });
        var signed = RequestAuthorizations.Sign(Body(lineage, "renew", lineage.A), new RequestTarget("lineage", lineage.AgentId, "renew"), Signer(lineage.A), clock.GetUtcNow());
        var before = await JournalHeadAsync(lineage.Node);

        clock.Advance(TimeSpan.FromSeconds(11));
        var answer = await PostAsync(lineage.Node, Path(lineage, "renew"), signed.ToJsonString());

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized, answer.ToString());
        answer.Code.ShouldBe("AuthorizationExpired");
        (await JournalHeadAsync(lineage.Node)).ShouldBe(before);
    }

    [Fact]
    public async Task Confirm_is_signed_by_the_handoff_target_and_refused_when_the_owner_signs_it()
    {
        await using var lineage = await GrantedAsync();
        (await lineage.Client.BeginHandoffAsync(lineage.AgentId, Signer(lineage.A), Epoch.First, Id(lineage.B))).Accepted.ShouldBeTrue();
        (await lineage.Client.ReportTransferSentAsync(lineage.AgentId, Signer(lineage.A), Epoch.First, Checkpoint.GenesisParent)).Accepted.ShouldBeTrue();

        var byOwner = await PostAsync(lineage.Node, Path(lineage, "confirm"), Signed(lineage, "confirm", Body(lineage, "confirm", lineage.B), lineage.A));
        var byTarget = await lineage.Client.ConfirmHandoffAsync(lineage.AgentId, Signer(lineage.B), Checkpoint.GenesisParent);

        byOwner.Code.ShouldBe("AuthorizationKeyMismatch");
        byTarget.Accepted.ShouldBeTrue(byTarget.Detail);
        byTarget.State!.Value.GetProperty("snapshot").GetProperty("owner").GetString().ShouldBe(Id(lineage.B).ToString());
    }

    [Fact]
    public async Task Executor_command_for_an_agent_whose_domain_does_not_exist_is_not_found()
    {
        await using var lineage = await LineageNode.StartAsync(overrides: Quiet());
        const string agent = "spiffe://nowhere.example/agent/x";
        var body = new JsonObject { ["executor"] = Id(lineage.A).ToString(), ["epoch"] = EpochJson(Epoch.First) };
        var signed = RequestAuthorizations.Sign(body, new RequestTarget("lineage", agent, "renew"), Signer(lineage.A), DateTimeOffset.UtcNow);

        var answer = await PostAsync(lineage.Node, $"v1/lineages/{Uri.EscapeDataString(agent)}/renew", signed.ToJsonString());

        answer.Status.ShouldBe(HttpStatusCode.NotFound);
        answer.Code.ShouldBe("DomainNotFound");
    }

    private static async Task<LineageNode> GrantedAsync(TimeProvider? time = null, Dictionary<string, string?>? more = null)
    {
        var lineage = await LineageNode.StartAsync(time, Quiet(more));
        (await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A))).Accepted.ShouldBeTrue();
        return lineage;
    }

    private static string Path(LineageNode lineage, string action) => $"v1/lineages/{Uri.EscapeDataString(lineage.AgentId)}/{action}";

    // A valid body for each executor action, naming `by` as the executor (not yet signed).
    private static JsonObject Body(LineageNode lineage, string action, Ed25519KeyPair by)
    {
        var body = new JsonObject { ["executor"] = Id(by).ToString(), ["command_id"] = $"{action}-{Guid.NewGuid():N}" };
        if (action is not "confirm")
        {
            body["epoch"] = EpochJson(Epoch.First);
        }

        switch (action)
        {
            case "handoff":
                body["to"] = Id(lineage.B).ToString();
                break;
            case "transfer-sent":
            case "confirm":
                body["checkpoint"] = Checkpoint.GenesisParent.ToString();
                break;
            case "side-effects":
                body["effect"] = Digest.Sha256("POST /orders 1"u8).ToString();
                break;
            default:
                break;
        }

        return body;
    }

    private static string Signed(LineageNode lineage, string action, JsonObject body, Ed25519KeyPair by) =>
        Signed(lineage, action, body, Signer(by));

    private static string Signed(LineageNode lineage, string action, JsonObject body, Core.Envelopes.IEnvelopeSigner by) =>
        RequestAuthorizations.Sign(body, new RequestTarget("lineage", lineage.AgentId, action), by, DateTimeOffset.UtcNow).ToJsonString();

    private static JsonObject EpochJson(Epoch epoch) => new() { ["major"] = epoch.Major, ["generation"] = epoch.Generation };

    // Signs with one key while claiming another's id: what a forger holding only B's key could produce for A.
    private sealed class ClaimedSigner(Ed25519KeyPair key, Digest claimed) : Core.Envelopes.IEnvelopeSigner
    {
        public string KeyId => claimed.ToString();

        public byte[] Sign(ReadOnlySpan<byte> message) => key.Sign(message);
    }
}
