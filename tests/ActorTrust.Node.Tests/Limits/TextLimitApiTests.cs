using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Requests;
using ActorTrust.Node.Hosting;
using static ActorTrust.Node.Tests.Limits.NodeProbe;

namespace ActorTrust.Node.Tests.Limits;

/// <summary>
/// <c>actortrust.limits.text.*</c>: free text in request bodies at its bound is served, and one character (or byte)
/// more is refused with a <c>LimitExceeded</c> problem naming the setting, with nothing journaled.
/// </summary>
public sealed class TextLimitApiTests
{
    [Fact]
    public void Reference_conf_text_limits_are_the_documented_defaults()
    {
        var limits = NodeSettings.Load(null).Limits;

        (limits.MaxReasonLength, limits.MaxNameLength, limits.MaxStringLength, limits.MaxContractTextBytes).ShouldBe((1024, 256, 2048, 256 * 1024));
    }

    [Theory]
    [InlineData("max-reason-length", "15")]
    [InlineData("max-reason-length", "1025")]
    [InlineData("max-name-length", "257")]
    [InlineData("max-string-length", "63")]
    [InlineData("max-string-length", "2049")]
    [InlineData("max-contract-text-bytes", "257 KiB")]
    [InlineData("max-contract-text-bytes", "many")]
    public void An_out_of_range_text_limit_stops_start_up_naming_the_setting(string key, string value)
    {
        var error = Should.Throw<ArgumentException>(() => NodeSettings.Load(null, new Dictionary<string, string?> { ["actortrust:limits:text:" + key] = value }));

        error.Message.ShouldContain("actortrust.limits.text." + key);
    }

    [Fact]
    public async Task Contract_text_at_max_contract_text_bytes_is_published_and_one_byte_more_is_refused()
    {
        await using var federation = await Federation.StartAsync(settings: Quiet(new() { ["actortrust:limits:text:max-contract-text-bytes"] = "1 KiB" }));
        string Body(int version, int bytes) => new JsonObject
        {
            ["version"] = version,
            ["text"] = "é" + new string('c', bytes - 2), // a two-byte character: the bound is in UTF-8 bytes
            ["operator_key_id"] = federation.OperatorKeyId,
        }.Signed(new RequestTarget("contract", version.ToString(CultureInfo.InvariantCulture), "publish"), federation.OperatorKey);

        var over = await RefusedWithoutChangeAsync(federation.Node, "v1/contracts", Body(1, 1025));
        var at = await PostAsync(federation.Node, "v1/contracts", Body(1, 1024));

        over.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge, over.ToString());
        over.IsLimit("actortrust.limits.text.max-contract-text-bytes").ShouldBeTrue(over.ToString());
        at.Status.ShouldBe(HttpStatusCode.OK, at.ToString());
    }

    [Fact]
    public async Task A_reason_at_max_reason_length_is_served_and_one_character_more_is_refused()
    {
        await using var federation = await Federation.StartAsync(settings: Quiet(new() { ["actortrust:limits:text:max-reason-length"] = "32" }));

        var over = await RefusedWithoutChangeAsync(federation.Node, "v1/peers", Proposal(federation, reason: new string('r', 33)));
        var at = await PostAsync(federation.Node, "v1/peers", Proposal(federation, reason: new string('r', 32)));

        over.Status.ShouldBe(HttpStatusCode.BadRequest);
        over.IsLimit("actortrust.limits.text.max-reason-length").ShouldBeTrue(over.ToString());
        at.Status.ShouldBe(HttpStatusCode.OK, at.ToString());
    }

    [Fact]
    public async Task An_operator_name_at_max_name_length_is_served_and_one_character_more_is_refused()
    {
        // The operator key id is itself a name: the bound is set to its length, and operator_id is tried at and past it.
        var probe = await Federation.StartAsync(settings: Quiet());
        var bound = probe.OperatorKeyId.Length;
        await probe.DisposeAsync();
        await using var federation = await Federation.StartAsync(settings: Quiet(new() { ["actortrust:limits:text:max-name-length"] = bound.ToString(CultureInfo.InvariantCulture) }));

        var over = await RefusedWithoutChangeAsync(federation.Node, "v1/peers", Proposal(federation, operatorId: new string('o', bound + 1)));
        var at = await PostAsync(federation.Node, "v1/peers", Proposal(federation, operatorId: new string('o', bound)));

        over.IsLimit("actortrust.limits.text.max-name-length").ShouldBeTrue(over.ToString());
        at.Status.ShouldBe(HttpStatusCode.OK, at.ToString());
    }

    [Fact]
    public async Task An_endpoint_at_max_string_length_is_served_and_one_character_more_is_refused()
    {
        await using var federation = await Federation.StartAsync(settings: Quiet(new() { ["actortrust:limits:text:max-string-length"] = "64" }));
        static string Endpoint(int length) => "https://peer.example/" + new string('p', length - "https://peer.example/".Length);

        var over = await RefusedWithoutChangeAsync(federation.Node, "v1/peers", Proposal(federation, endpoint: Endpoint(65)));
        var at = await PostAsync(federation.Node, "v1/peers", Proposal(federation, endpoint: Endpoint(64)));

        over.IsLimit("actortrust.limits.text.max-string-length").ShouldBeTrue(over.ToString());
        at.Status.ShouldBe(HttpStatusCode.OK, at.ToString());
    }

    [Fact]
    public async Task A_nested_disclosure_contact_over_max_name_length_is_refused_before_the_peer_records_anything()
    {
        await using var federation = await Federation.StartAsync(settings: Quiet(new() { ["actortrust:limits:text:max-name-length"] = "100" }));
        var digest = await federation.PublishContractAsync();
        var token = await federation.ProposeAsync("p1");
        (await federation.Node.Client.AcceptPeerAsync("p1", token, 1, digest, federation.PeerKey)).Accepted.ShouldBeTrue();
        string Enrol(int contact) => new JsonObject
        {
            ["disclosure"] = new JsonObject
            {
                ["operator_contact"] = new string('c', contact), ["jurisdiction"] = "EU", ["platform_version"] = "0.1.0",
                ["last_known_good_release_tag"] = "v0.1.0", ["data_residency"] = "EU",
            },
            ["capabilities"] = JsonNode.Parse("""{"resources":[{"kind":"vm","schema_versions":["v1"],"filter_predicates":[]}]}"""),
            ["key_id"] = federation.PeerKeyId,
        }.Signed(new RequestTarget("peer", "p1", "enroll"), federation.PeerKey);

        var over = await RefusedWithoutChangeAsync(federation.Node, "v1/peers/p1/enroll", Enrol(101));
        var at = await PostAsync(federation.Node, "v1/peers/p1/enroll", Enrol(100));

        over.IsLimit("actortrust.limits.text.max-name-length").ShouldBeTrue(over.ToString());
        at.Status.ShouldBe(HttpStatusCode.OK, at.ToString());
    }

    private static string Proposal(Federation federation, string reason = "pilot", string operatorId = "peer-operator", string endpoint = "https://peer.example/federation") =>
        new JsonObject
        {
            ["peer_id"] = "p1",
            ["operator_id"] = operatorId,
            ["endpoint"] = endpoint,
            ["public_key"] = federation.PeerPublicKey,
            ["reason"] = reason,
            ["operator_key_id"] = federation.OperatorKeyId,
        }.Signed(new RequestTarget("peer", "p1", "propose"), federation.OperatorKey);

    private static async Task<Answer> RefusedWithoutChangeAsync(NodeFixture node, string path, string body)
    {
        var before = await JournalHeadAsync(node);
        var answer = await PostAsync(node, path, body);
        ((int)answer.Status).ShouldBeInRange(400, 499, answer.ToString());
        (await JournalHeadAsync(node)).ShouldBe(before);
        return answer;
    }
}

/// <summary>Signs a request body with the key it names (the node checks the authorization after the input limits).</summary>
internal static class SignedBodies
{
    public static string Signed(this JsonObject body, RequestTarget target, IEnvelopeSigner key) =>
        RequestAuthorizations.Sign(body, target, key, DateTimeOffset.UtcNow).ToJsonString();
}
