using System.Text;
using System.Text.Json.Nodes;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;
using ActorTrust.Core.Requests;

namespace ActorTrust.Core.Tests.Requests;

public sealed class RequestAuthorizationTests
{
    private static readonly Ed25519KeyPair Key = Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)7, 32).ToArray());
    private static readonly Ed25519KeyPair Other = Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)9, 32).ToArray());
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);
    private static readonly RequestTarget Target = new("lineage", "spiffe://example.org/agent/a", "renew");

    private static JsonObject Body() => new()
    {
        ["command_id"] = "c-1",
        ["executor"] = Key.PublicKey.KeyId.ToString(),
        ["epoch"] = new JsonObject { ["major"] = 1, ["generation"] = 0 },
    };

    private static JsonObject Signed(JsonObject? body = null, RequestTarget? target = null, Ed25519KeyPair? key = null, DateTimeOffset? at = null) =>
        RequestAuthorizations.Sign(body ?? Body(), target ?? Target, new Ed25519EnvelopeSigner(key ?? Key), at ?? Now);

    private static RequestAuthorizationVerdict Verify(JsonObject body, RequestTarget? target = null, DateTimeOffset? now = null) =>
        RequestAuthorizations.Verify(body, target ?? Target, Key.PublicKey.KeyId, Key.PublicKey, now ?? Now);

    // The node parses bodies from bytes; a round trip through text proves nothing depends on object identity.
    private static JsonObject Reparsed(JsonObject body) => (JsonObject)CanonicalJson.Parse(Encoding.UTF8.GetBytes(body.ToJsonString()))!;

    [Fact]
    public void A_signed_request_verifies_and_names_its_key()
    {
        var verdict = Verify(Reparsed(Signed()));

        verdict.IsVerified.ShouldBeTrue(verdict.Reason);
        verdict.KeyId.ShouldBe(Key.PublicKey.KeyId);
        verdict.Statement!.CommandId.ShouldBe("c-1");
        verdict.Statement.IssuedAt.ShouldBe(Now);
    }

    [Fact]
    public void Member_order_and_number_spelling_do_not_change_the_body_digest()
    {
        var signed = Signed();
        var reordered = (JsonObject)JsonNode.Parse(
            $$"""{"epoch":{"generation":0.0,"major":1e0},"authorization":{{signed["authorization"]!.ToJsonString()}},"executor":"{{Key.PublicKey.KeyId}}","command_id":"c-1"}""")!;

        Verify(reordered).IsVerified.ShouldBeTrue();
    }

    [Fact]
    public void Signing_without_a_command_id_adds_one_that_is_bound()
    {
        var body = Body();
        body.Remove("command_id");

        var signed = Signed(body);

        signed["command_id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        Verify(signed).Statement!.CommandId.ShouldBe(signed["command_id"]!.GetValue<string>());
    }

    [Fact]
    public void A_request_without_authorization_is_refused_as_missing()
    {
        Verify(Body()).Rejection.ShouldBe(RequestAuthorizationRejection.Missing);
    }

    [Theory]
    [InlineData("\"text\"")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"payloadType\":\"x\",\"payload\":\"\",\"signatures\":[]}")]
    public void A_malformed_authorization_is_refused(string member)
    {
        var body = Body();
        body["authorization"] = JsonNode.Parse(member);

        Verify(body).Rejection.ShouldBe(RequestAuthorizationRejection.Malformed);
    }

    [Fact]
    public void Another_payload_type_signed_by_the_same_key_is_refused()
    {
        var body = Signed();
        var statement = Encoding.UTF8.GetBytes(body["authorization"]!.ToJsonString());
        var original = EnvelopeJson.Parse(statement);
        var checkpoint = Envelope.Sign(PayloadTypes.Checkpoint, original.Payload, new Ed25519EnvelopeSigner(Key));
        body["authorization"] = JsonNode.Parse(EnvelopeJson.Serialize(checkpoint));

        var verdict = Verify(body);

        verdict.Rejection.ShouldBe(RequestAuthorizationRejection.Malformed);
        verdict.Reason!.ShouldContain("payload type");
    }

    [Fact]
    public void A_request_signed_by_another_key_than_the_one_it_names_is_refused()
    {
        Verify(Signed(key: Other)).Rejection.ShouldBe(RequestAuthorizationRejection.KeyMismatch);
    }

    [Fact]
    public void A_key_the_node_does_not_know_is_refused()
    {
        RequestAuthorizations.Verify(Signed(), Target, Key.PublicKey.KeyId, null, Now).Rejection.ShouldBe(RequestAuthorizationRejection.KeyUnknown);
    }

    [Fact]
    public void A_statement_naming_the_key_but_signed_by_another_is_refused_as_a_bad_signature()
    {
        var body = Signed();
        var envelope = EnvelopeJson.Parse(Encoding.UTF8.GetBytes(body["authorization"]!.ToJsonString()));
        var forged = Envelope.Sign(PayloadTypes.RequestAuthorization, envelope.Payload, new Ed25519EnvelopeSigner(Other));
        body["authorization"] = JsonNode.Parse(EnvelopeJson.Serialize(forged));

        Verify(body).Rejection.ShouldBe(RequestAuthorizationRejection.SignatureInvalid);
    }

    [Fact]
    public void A_flipped_signature_bit_is_refused()
    {
        var body = Signed();
        var signature = body["authorization"]!["signatures"]![0]!["sig"]!.GetValue<string>();
        var bytes = Convert.FromBase64String(signature);
        bytes[5] ^= 0x01;
        body["authorization"]!["signatures"]![0]!["sig"] = Convert.ToBase64String(bytes);

        Verify(body).Rejection.ShouldBe(RequestAuthorizationRejection.SignatureInvalid);
    }

    [Theory]
    [InlineData("peer", "spiffe://example.org/agent/a", "renew")]
    [InlineData("lineage", "spiffe://example.org/agent/b", "renew")]
    [InlineData("lineage", "spiffe://example.org/agent/a", "handoff")]
    public void A_request_signed_for_another_target_is_refused(string kind, string id, string action)
    {
        Verify(Signed(), new RequestTarget(kind, id, action)).Rejection.ShouldBe(RequestAuthorizationRejection.TargetMismatch);
    }

    [Fact]
    public void Changing_any_body_member_after_signing_is_refused()
    {
        var body = Signed();
        body["epoch"]!["major"] = 2;

        Verify(body).Rejection.ShouldBe(RequestAuthorizationRejection.BodyMismatch);
    }

    [Fact]
    public void Adding_a_body_member_after_signing_is_refused()
    {
        var body = Signed();
        body["to"] = "sha256:" + new string('0', 64);

        Verify(body).Rejection.ShouldBe(RequestAuthorizationRejection.BodyMismatch);
    }

    [Fact]
    public void Replaying_the_signature_under_another_command_id_is_refused()
    {
        var body = Signed();
        body["command_id"] = "c-2";

        Verify(body).Rejection.ShouldBe(RequestAuthorizationRejection.CommandIdMismatch);
    }

    [Fact]
    public void Dropping_the_command_id_after_signing_is_refused()
    {
        var body = Signed();
        body.Remove("command_id");

        Verify(body).Rejection.ShouldBe(RequestAuthorizationRejection.CommandIdMismatch);
    }

    [Fact]
    public void A_request_older_than_the_freshness_window_is_refused_and_one_just_inside_is_accepted()
    {
        var body = Signed();

        Verify(body, now: Now + RequestFreshness.Default.MaxAge).IsVerified.ShouldBeTrue();
        Verify(body, now: Now + RequestFreshness.Default.MaxAge + TimeSpan.FromMilliseconds(1)).Rejection.ShouldBe(RequestAuthorizationRejection.Expired);
    }

    [Fact]
    public void A_request_from_further_in_the_future_than_the_skew_is_refused()
    {
        var skew = RequestFreshness.Default.AllowedClockSkew;

        Verify(Signed(at: Now + skew)).IsVerified.ShouldBeTrue();
        Verify(Signed(at: Now + skew + TimeSpan.FromMilliseconds(1))).Rejection.ShouldBe(RequestAuthorizationRejection.FromFuture);
    }

    [Fact]
    public void A_non_canonical_statement_is_refused_even_when_signed()
    {
        var payload = Encoding.UTF8.GetBytes($$"""{ "schema":"{{RequestAuthorization.SchemaV1}}" }""");
        var body = Body();
        body["authorization"] = JsonNode.Parse(EnvelopeJson.Serialize(Envelope.Sign(PayloadTypes.RequestAuthorization, payload, new Ed25519EnvelopeSigner(Key))));

        Verify(body).Rejection.ShouldBe(RequestAuthorizationRejection.Malformed);
    }

    [Fact]
    public void A_statement_with_an_unknown_member_is_refused()
    {
        var statement = new RequestAuthorization(RequestAuthorization.SchemaV1, "lineage", Target.EntityId, "renew", "c-1",
            RequestAuthorizations.BodyDigest(Body()), Key.PublicKey.KeyId, Now);
        var node = JsonNode.Parse(ActorTrustJson.ToCanonicalBytes(statement))!.AsObject();
        node["extra"] = true;
        var body = Body();
        body["authorization"] = JsonNode.Parse(EnvelopeJson.Serialize(
            Envelope.Sign(PayloadTypes.RequestAuthorization, CanonicalJson.Serialize(node), new Ed25519EnvelopeSigner(Key))));

        Verify(body).Rejection.ShouldBe(RequestAuthorizationRejection.Malformed);
    }

    [Fact]
    public void The_freshness_policy_refuses_unusable_bounds()
    {
        new RequestFreshness(TimeSpan.Zero, TimeSpan.Zero).Validate().ShouldNotBeNull();
        new RequestFreshness(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(-1)).Validate().ShouldNotBeNull();
        RequestFreshness.Default.Validate().ShouldBeNull();
    }
}
