using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static ActorTrust.Node.Tests.Limits.NodeProbe;

namespace ActorTrust.Node.Tests.Limits;

/// <summary>
/// Every <c>actortrust.limits</c> bound of the client API, at the limit (served) and one over it (refused with a
/// problem naming the setting, and the journal unchanged). Bounds are configured down to the size of a real,
/// valid request so that "at the limit" means an accepted command.
/// </summary>
public sealed class InputLimitApiTests
{
    [Fact]
    public async Task Body_at_json_max_bytes_is_served_and_one_byte_more_is_refused_naming_the_setting()
    {
        using var trust = new TestKit.Trust.TrustScenario();
        var command = Command(trust.CreateDomainEnvelope());
        var limit = Encoding.UTF8.GetByteCount(command) + 10;
        await using var node = await NodeFixture.StartAsync(overrides: Quiet(new() { ["actortrust:limits:json:max-bytes"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        var padded = command + new string(' ', 10);

        var over = await RefusedWithoutChangeAsync(node, "v1/domains", padded + " ");
        var at = await PostAsync(node, "v1/domains", padded);

        over.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        over.IsLimit("actortrust.limits.json.max-bytes").ShouldBeTrue(over.ToString());
        at.Status.ShouldBe(HttpStatusCode.OK, at.ToString());
    }

    [Fact]
    public async Task Body_at_json_max_depth_is_served_and_one_level_deeper_is_refused()
    {
        // A command body nests body → envelope → signatures → signature: depth 4.
        using var trust = new TestKit.Trust.TrustScenario();
        await using var atLimit = await NodeFixture.StartAsync(overrides: Quiet(new() { ["actortrust:limits:json:max-depth"] = "4" }));
        await using var tight = await NodeFixture.StartAsync(overrides: Quiet(new() { ["actortrust:limits:json:max-depth"] = "3" }));

        var over = await RefusedWithoutChangeAsync(tight, "v1/domains", Command(trust.CreateDomainEnvelope()));
        var at = await PostAsync(atLimit, "v1/domains", Command(trust.CreateDomainEnvelope()));

        over.Status.ShouldBe(HttpStatusCode.BadRequest);
        over.IsLimit("actortrust.limits.json.max-depth").ShouldBeTrue(over.ToString());
        at.Status.ShouldBe(HttpStatusCode.OK, at.ToString());
    }

    [Fact]
    public async Task Array_at_json_max_items_reaches_the_schema_check_and_one_more_item_is_refused_as_a_limit()
    {
        await using var node = await NodeFixture.StartAsync(overrides: Quiet(new() { ["actortrust:limits:json:max-items"] = "16" }));
        static string Body(int items) => $$"""{"command_id":"c1","extra":[{{string.Join(',', Enumerable.Repeat("0", items))}}]}""";

        var at = await RefusedWithoutChangeAsync(node, "v1/domains", Body(16));
        var over = await RefusedWithoutChangeAsync(node, "v1/domains", Body(17));

        at.Code.ShouldBe("MalformedRequest", at.ToString());
        over.Status.ShouldBe(HttpStatusCode.BadRequest);
        over.IsLimit("actortrust.limits.json.max-items").ShouldBeTrue(over.ToString());
    }

    [Fact]
    public async Task Envelope_at_max_signatures_is_served_and_one_signature_more_is_refused()
    {
        // The scenario's domain envelope carries two root signatures.
        using var trust = new TestKit.Trust.TrustScenario();
        await using var atLimit = await NodeFixture.StartAsync(overrides: Quiet(new() { ["actortrust:limits:envelope:max-signatures"] = "2" }));
        await using var tight = await NodeFixture.StartAsync(overrides: Quiet(new() { ["actortrust:limits:envelope:max-signatures"] = "1" }));

        var over = await RefusedWithoutChangeAsync(tight, "v1/domains", Command(trust.CreateDomainEnvelope()));
        var at = await PostAsync(atLimit, "v1/domains", Command(trust.CreateDomainEnvelope()));

        over.IsLimit("actortrust.limits.envelope.max-signatures").ShouldBeTrue(over.ToString());
        at.Status.ShouldBe(HttpStatusCode.OK, at.ToString());
    }

    [Fact]
    public async Task Envelope_payload_at_max_payload_bytes_is_served_and_one_byte_over_is_refused()
    {
        using var trust = new TestKit.Trust.TrustScenario();
        var envelope = trust.CreateDomainEnvelope();
        var payloadBytes = Convert.FromBase64String(JsonNode.Parse(envelope)!["payload"]!.GetValue<string>()).Length;
        await using var atLimit = await NodeFixture.StartAsync(overrides: Quiet(new() { ["actortrust:limits:envelope:max-payload-bytes"] = $"{payloadBytes}" }));
        await using var tight = await NodeFixture.StartAsync(overrides: Quiet(new() { ["actortrust:limits:envelope:max-payload-bytes"] = $"{payloadBytes - 1}" }));

        var over = await RefusedWithoutChangeAsync(tight, "v1/domains", Command(envelope));
        var at = await PostAsync(atLimit, "v1/domains", Command(envelope));

        over.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        over.IsLimit("actortrust.limits.envelope.max-payload-bytes").ShouldBeTrue(over.ToString());
        at.Status.ShouldBe(HttpStatusCode.OK, at.ToString());
    }

    [Fact]
    public async Task Envelope_at_max_envelope_bytes_is_served_and_one_byte_over_is_refused()
    {
        using var trust = new TestKit.Trust.TrustScenario();
        var envelope = trust.CreateDomainEnvelope();
        var size = Encoding.UTF8.GetByteCount(JsonNode.Parse(envelope)!.ToJsonString());
        await using var atLimit = await NodeFixture.StartAsync(overrides: Quiet(new() { ["actortrust:limits:envelope:max-envelope-bytes"] = $"{size}" }));
        await using var tight = await NodeFixture.StartAsync(overrides: Quiet(new() { ["actortrust:limits:envelope:max-envelope-bytes"] = $"{size - 1}" }));

        var over = await RefusedWithoutChangeAsync(tight, "v1/domains", Command(envelope));
        var at = await PostAsync(atLimit, "v1/domains", Command(envelope));

        over.IsLimit("actortrust.limits.envelope.max-envelope-bytes").ShouldBeTrue(over.ToString());
        at.Status.ShouldBe(HttpStatusCode.OK, at.ToString());
    }

    [Fact]
    public async Task Envelope_payload_type_at_its_limit_is_served_and_one_byte_longer_is_refused()
    {
        using var trust = new TestKit.Trust.TrustScenario();
        var envelope = trust.CreateDomainEnvelope();
        var typeBytes = Encoding.UTF8.GetByteCount(JsonNode.Parse(envelope)!["payloadType"]!.GetValue<string>());
        await using var atLimit = await NodeFixture.StartAsync(overrides: Quiet(new() { ["actortrust:limits:envelope:max-payload-type-bytes"] = $"{typeBytes}" }));
        await using var tight = await NodeFixture.StartAsync(overrides: Quiet(new() { ["actortrust:limits:envelope:max-payload-type-bytes"] = $"{typeBytes - 1}" }));

        var over = await RefusedWithoutChangeAsync(tight, "v1/domains", Command(envelope));
        var at = await PostAsync(atLimit, "v1/domains", Command(envelope));

        over.IsLimit("actortrust.limits.envelope.max-payload-type-bytes").ShouldBeTrue(over.ToString());
        at.Status.ShouldBe(HttpStatusCode.OK, at.ToString());
    }

    [Fact]
    public async Task Command_id_at_its_length_limit_is_served_and_one_character_longer_is_refused()
    {
        using var trust = new TestKit.Trust.TrustScenario();
        await using var node = await NodeFixture.StartAsync(overrides: Quiet(new() { ["actortrust:limits:ids:max-command-id-length"] = "16" }));

        var over = await RefusedWithoutChangeAsync(node, "v1/domains", Command(trust.CreateDomainEnvelope(), new string('c', 17)));
        var at = await PostAsync(node, "v1/domains", Command(trust.CreateDomainEnvelope(), new string('c', 16)));

        over.IsLimit("actortrust.limits.ids.max-command-id-length").ShouldBeTrue(over.ToString());
        at.Status.ShouldBe(HttpStatusCode.OK, at.ToString());
    }

    [Fact]
    public async Task Entity_id_at_its_length_limit_is_served_and_one_character_longer_is_refused()
    {
        await using var node = await NodeFixture.StartAsync(overrides: Quiet(new() { ["actortrust:limits:ids:max-entity-id-length"] = "32" }));

        var at = await GetAsync(node, $"v1/entities/peer/{new string('p', 32)}/events");
        var over = await GetAsync(node, $"v1/entities/peer/{new string('p', 33)}/events");
        var overOnPost = await RefusedWithoutChangeAsync(node, $"v1/peers/{new string('p', 33)}/liveness", "{}");

        at.Status.ShouldBe(HttpStatusCode.OK, at.ToString());
        over.Status.ShouldBe(HttpStatusCode.BadRequest);
        over.IsLimit("actortrust.limits.ids.max-entity-id-length").ShouldBeTrue(over.ToString());
        overOnPost.IsLimit("actortrust.limits.ids.max-entity-id-length").ShouldBeTrue(overOnPost.ToString());
    }

    [Theory]
    [InlineData("v1/events")]
    [InlineData("v1/entities/domain/example.org/events")]
    [InlineData("v1/sessions")]
    [InlineData("v1/peers")]
    public async Task Page_limit_at_max_page_size_is_served_and_one_more_is_refused_naming_the_setting(string path)
    {
        await using var node = await NodeFixture.StartAsync(overrides: Quiet(new() { ["actortrust:node:max-page-size"] = "50" }));

        var at = await GetAsync(node, $"{path}?limit=50");
        var over = await GetAsync(node, $"{path}?limit=51");
        var zero = await GetAsync(node, $"{path}?limit=0");

        at.Status.ShouldBe(HttpStatusCode.OK, at.ToString());
        over.Status.ShouldBe(HttpStatusCode.BadRequest);
        over.IsLimit("actortrust.node.max-page-size").ShouldBeTrue(over.ToString());
        zero.Status.ShouldBe(HttpStatusCode.BadRequest, zero.ToString());
    }

    [Fact]
    public async Task Body_at_max_request_body_is_served_and_one_byte_more_is_refused_with_413()
    {
        using var trust = new TestKit.Trust.TrustScenario();
        const int maxBody = 8192;
        await using var node = await NodeFixture.StartAsync(maxBody: maxBody, overrides: Quiet());
        var command = Command(trust.CreateDomainEnvelope());
        var padded = command + new string(' ', maxBody - Encoding.UTF8.GetByteCount(command));

        var over = await RefusedWithoutChangeAsync(node, "v1/domains", padded + " ");
        var at = await PostAsync(node, "v1/domains", padded);

        over.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge, over.ToString());
        over.Code.ShouldBe("PayloadTooLarge");
        at.Status.ShouldBe(HttpStatusCode.OK, at.ToString());
    }

    private static async Task<Answer> RefusedWithoutChangeAsync(NodeFixture node, string path, string body) =>
        await RefusedWithoutChangeAsync(node, path, Encoding.UTF8.GetBytes(body));

    private static async Task<Answer> RefusedWithoutChangeAsync(NodeFixture node, string path, byte[] body)
    {
        var before = await JournalHeadAsync(node);
        var answer = await PostAsync(node, path, body);
        ((int)answer.Status).ShouldBeInRange(400, 499, answer.ToString());
        (await JournalHeadAsync(node)).ShouldBe(before);
        return answer;
    }
}
