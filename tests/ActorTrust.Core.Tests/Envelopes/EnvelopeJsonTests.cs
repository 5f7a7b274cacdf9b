using System.Text;
using ActorTrust.Core.Envelopes;

namespace ActorTrust.Core.Tests.Envelopes;

public sealed class EnvelopeJsonTests
{
    private const string Sig = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

    [Fact]
    public void Duplicate_payload_members_are_refused()
    {
        var json = $$"""{"payload":"e30=","payload":"W10=","payloadType":"t","signatures":[{"sig":"{{Sig}}"}]}""";

        Should.Throw<EnvelopeException>(() => Parse(json)).Error.ShouldBe(EnvelopeFormatError.MalformedJson);
    }

    [Theory]
    [InlineData("""{"payloadType":"t","signatures":[]}""", EnvelopeFormatError.MissingOrInvalidMember)]
    [InlineData("""{"payload":"e30=","payloadType":"t","signatures":[]}""", EnvelopeFormatError.NoSignatures)]
    [InlineData("""{"payload":"e30=","payloadType":"t","signatures":{}}""", EnvelopeFormatError.MissingOrInvalidMember)]
    [InlineData("""{"payload":"e30=","payloadType":7,"signatures":[{"sig":"AA=="}]}""", EnvelopeFormatError.MissingOrInvalidMember)]
    [InlineData("""{"payload":"e30=","payloadType":"t","signatures":[{"keyid":1,"sig":"AA=="}]}""", EnvelopeFormatError.MissingOrInvalidMember)]
    [InlineData("""{"payload":"e30=","payloadType":"t","signatures":["AA=="]}""", EnvelopeFormatError.MissingOrInvalidMember)]
    [InlineData("""{"payload":"e30=","payloadType":"t","signatures":[{"sig":"AA=="}],"extra":1}""", EnvelopeFormatError.UnknownMember)]
    [InlineData("""{"payload":"e30=","payloadType":"t","signatures":[{"sig":"AA==","cert":"x"}]}""", EnvelopeFormatError.UnknownMember)]
    [InlineData("""{"payload":"e3 0=","payloadType":"t","signatures":[{"sig":"AA=="}]}""", EnvelopeFormatError.InvalidBase64)]
    [InlineData("""{"payload":"e3-/","payloadType":"t","signatures":[{"sig":"AA=="}]}""", EnvelopeFormatError.InvalidBase64)]
    [InlineData("""{"payload":"e30","payloadType":"t","signatures":[{"sig":"A"}]}""", EnvelopeFormatError.InvalidBase64)]
    [InlineData("""{"payload":"e30==","payloadType":"t","signatures":[{"sig":"AA=="}]}""", EnvelopeFormatError.InvalidBase64)]
    [InlineData("""["payload"]""", EnvelopeFormatError.MissingOrInvalidMember)]
    [InlineData("""{"payload":"e30=",""", EnvelopeFormatError.MalformedJson)]
    public void Malformed_envelopes_are_refused_with_the_reason(string json, EnvelopeFormatError expected)
    {
        Should.Throw<EnvelopeException>(() => Parse(json)).Error.ShouldBe(expected);
    }

    [Fact]
    public void Both_base64_alphabets_and_missing_padding_are_accepted()
    {
        Parse("""{"payload":"-_-_Pj8","payloadType":"t","signatures":[{"sig":"AA"}]}""").Payload
            .ShouldBe(Convert.FromBase64String("+/+/Pj8="));
        Parse("""{"payload":"+/+/Pj8=","payloadType":"t","signatures":[{"sig":"AA=="}]}""").Payload
            .ShouldBe(Convert.FromBase64String("+/+/Pj8="));
    }

    [Fact]
    public void An_empty_key_id_is_read_as_absent()
    {
        Parse("""{"payload":"","payloadType":"t","signatures":[{"keyid":"","sig":"AA=="}]}""").Signatures[0].KeyId.ShouldBeNull();
    }

    [Fact]
    public void Limits_bound_signatures_payload_type_and_size()
    {
        var many = string.Join(",", Enumerable.Repeat("""{"sig":"AA=="}""", 3));
        var limits = new EnvelopeLimits { MaxSignatures = 2, MaxPayloadBytes = 2, MaxPayloadTypeBytes = 3, MaxEnvelopeBytes = 200 };

        Should.Throw<EnvelopeException>(() => Parse($$"""{"payload":"","payloadType":"t","signatures":[{{many}}]}""", limits))
            .Error.ShouldBe(EnvelopeFormatError.TooLarge);
        Should.Throw<EnvelopeException>(() => Parse("""{"payload":"AAAA","payloadType":"t","signatures":[{"sig":"AA=="}]}""", limits))
            .Error.ShouldBe(EnvelopeFormatError.TooLarge);
        Should.Throw<EnvelopeException>(() => Parse("""{"payload":"","payloadType":"long","signatures":[{"sig":"AA=="}]}""", limits))
            .Error.ShouldBe(EnvelopeFormatError.TooLarge);
        Should.Throw<EnvelopeException>(() => Parse($$"""{"payload":"{{new string('A', 400)}}","payloadType":"t","signatures":[{"sig":"AA=="}]}""", limits))
            .Error.ShouldBe(EnvelopeFormatError.TooLarge);
    }

    [Fact]
    public void Serialised_envelope_is_canonical_and_round_trips()
    {
        var envelope = new Envelope("t", [1, 2, 3], [new EnvelopeSignature("sha256:ab", [9]), new EnvelopeSignature(null, [8])]);

        var bytes = EnvelopeJson.Serialize(envelope);

        Encoding.UTF8.GetString(bytes).ShouldBe("""{"payload":"AQID","payloadType":"t","signatures":[{"keyid":"sha256:ab","sig":"CQ=="},{"sig":"CA=="}]}""");
        var back = EnvelopeJson.Parse(bytes);
        back.PayloadType.ShouldBe("t");
        back.Payload.ShouldBe(new byte[] { 1, 2, 3 });
        back.Signatures.Select(s => s.KeyId).ShouldBe(["sha256:ab", null]);
    }

    [Theory]
    [InlineData("""{"payload":"e30=","payloadType":"t","signatures":[{"sig":"AA==","sig":"AA=="}]}""", EnvelopeFormatError.MalformedJson)]
    [InlineData("""{"payload":"e30=","payloadType":"t","signatures":[{"keyid":"k","keyid":"k","sig":"AA=="}]}""", EnvelopeFormatError.MalformedJson)]
    [InlineData("""{"payload":"e30=","payloadType":"t","payloadType":"t","signatures":[{"sig":"AA=="}]}""", EnvelopeFormatError.MalformedJson)]
    [InlineData("""{"payload":"e30=","payloadType":"t","signatures":[{"sig":"AA=="}]} {}""", EnvelopeFormatError.MalformedJson)]
    [InlineData("""{"payload":"e30=","payloadType":"\ud800","signatures":[{"sig":"AA=="}]}""", EnvelopeFormatError.MalformedJson)]
    [InlineData("""{"payload":"e30=","payloadType":"t","signatures":[{"sig":"AA=="}],"signatures":[{"sig":"AA=="}]}""", EnvelopeFormatError.MalformedJson)]
    [InlineData("""{"payload":"e30=","payloadType":"t","signatures":[{"sig":"AA=="},1]}""", EnvelopeFormatError.MissingOrInvalidMember)]
    public void Repeated_members_trailing_documents_and_lone_surrogates_are_refused_as_before(string json, EnvelopeFormatError expected)
    {
        Should.Throw<EnvelopeException>(() => Parse(json)).Error.ShouldBe(expected);
    }

    [Fact]
    public void Whitespace_and_escapes_read_the_same_envelope_as_the_plain_spelling()
    {
        var plain = Parse("""{"payload":"e30=","payloadType":"a/b","signatures":[{"keyid":"k","sig":"AA=="}]}""");

        var spelled = Parse("""
            { "signatures" : [ { "sig" : "AA==", "keyid" : "\u006b" } ],
              "payloadType" : "a\/b", "payload" : "e30=" }
            """);

        EnvelopeJson.Serialize(spelled).ShouldBe(EnvelopeJson.Serialize(plain));
        spelled.Payload.ShouldBe(plain.Payload);
        spelled.Signatures.Single().KeyId.ShouldBe("k");
    }

    [Theory]
    [InlineData("t")]
    [InlineData("application/vnd.in-toto+json")]
    [InlineData("quote \" backslash \\ tab \t nul \u0000 del \u007f € 😀")]
    public void Serialize_writes_the_canonical_form_of_the_envelope_tree(string payloadType)
    {
        var envelope = new Envelope(payloadType, [.. Enumerable.Range(0, 300).Select(i => (byte)i)],
            [new EnvelopeSignature("sha256:" + payloadType, new byte[64]), new EnvelopeSignature(null, [1, 2, 3])]);
        var tree = new System.Text.Json.Nodes.JsonObject
        {
            ["payload"] = Convert.ToBase64String(envelope.Payload),
            ["payloadType"] = payloadType,
            ["signatures"] = new System.Text.Json.Nodes.JsonArray(
                new System.Text.Json.Nodes.JsonObject { ["keyid"] = "sha256:" + payloadType, ["sig"] = Convert.ToBase64String(new byte[64]) },
                new System.Text.Json.Nodes.JsonObject { ["sig"] = "AQID" }),
        };

        EnvelopeJson.Serialize(envelope).ShouldBe(ActorTrust.Core.Json.CanonicalJson.Serialize(tree));
    }

    [Fact]
    public void Serialize_refuses_a_payload_type_with_a_lone_surrogate()
    {
        var envelope = new Envelope("t\ud800", [1], [new EnvelopeSignature(null, [1])]);

        Should.Throw<ActorTrust.Core.Json.CanonicalJsonException>(() => EnvelopeJson.Serialize(envelope))
            .Code.ShouldBe(ActorTrust.Core.Json.CanonicalJsonErrorCode.LoneSurrogate);
    }

    private static Envelope Parse(string json, EnvelopeLimits? limits = null) => EnvelopeJson.Parse(Encoding.UTF8.GetBytes(json), limits);
}
