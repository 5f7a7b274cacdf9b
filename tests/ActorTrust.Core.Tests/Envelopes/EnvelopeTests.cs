using System.Text;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Envelopes;

namespace ActorTrust.Core.Tests.Envelopes;

public sealed class EnvelopeTests : IDisposable
{
    private static readonly byte[] Manifest = Encoding.UTF8.GetBytes("""{"agent_id":"spiffe://example.org/agent/a"}""");

    private readonly Ed25519KeyPair _alice = Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)1, 32).ToArray());
    private readonly Ed25519KeyPair _bob = Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)2, 32).ToArray());

    public void Dispose()
    {
        _alice.Dispose();
        _bob.Dispose();
    }

    [Fact]
    public void Signed_envelope_verifies_and_returns_exactly_the_signed_bytes()
    {
        var envelope = Envelope.Sign(PayloadTypes.AgentManifest, Manifest, new Ed25519EnvelopeSigner(_alice));
        var verdict = EnvelopeVerifier.Verify(EnvelopeJson.Parse(EnvelopeJson.Serialize(envelope)), AlicePolicy());

        verdict.IsVerified.ShouldBeTrue(verdict.Reason);
        verdict.Payload.ShouldBe(Manifest);
        verdict.VerifiedKeyIds.ShouldBe([_alice.PublicKey.KeyId.ToString()]);
    }

    [Fact]
    public void Signature_over_the_raw_payload_instead_of_the_pae_is_refused()
    {
        var envelope = new Envelope(PayloadTypes.AgentManifest, Manifest,
            [new EnvelopeSignature(_alice.PublicKey.KeyId.ToString(), _alice.Sign(Manifest))]);

        var verdict = EnvelopeVerifier.Verify(envelope, AlicePolicy());

        verdict.IsVerified.ShouldBeFalse();
        verdict.Rejection.ShouldBe(EnvelopeRejection.ThresholdNotMet);
    }

    [Fact]
    public void Tampered_payload_is_refused()
    {
        var envelope = Envelope.Sign(PayloadTypes.AgentManifest, Manifest, new Ed25519EnvelopeSigner(_alice));
        var tampered = envelope with { Payload = Encoding.UTF8.GetBytes("""{"agent_id":"spiffe://example.org/agent/b"}""") };

        EnvelopeVerifier.Verify(tampered, AlicePolicy()).Rejection.ShouldBe(EnvelopeRejection.ThresholdNotMet);
    }

    [Fact]
    public void Payload_type_swap_is_refused_because_the_type_is_signed()
    {
        var envelope = Envelope.Sign(PayloadTypes.AgentManifest, Manifest, new Ed25519EnvelopeSigner(_alice));
        var swapped = envelope with { PayloadType = PayloadTypes.TrustRecord };
        var policy = new TrustPolicy([_alice.PublicKey], 1, [PayloadTypes.AgentManifest, PayloadTypes.TrustRecord]);

        EnvelopeVerifier.Verify(swapped, policy).Rejection.ShouldBe(EnvelopeRejection.ThresholdNotMet);
    }

    [Fact]
    public void Unsupported_type_is_refused_only_after_the_signatures_verify()
    {
        var envelope = Envelope.Sign(PayloadTypes.TrustRecord, Manifest, new Ed25519EnvelopeSigner(_alice));

        var verdict = EnvelopeVerifier.Verify(envelope, AlicePolicy());

        verdict.Rejection.ShouldBe(EnvelopeRejection.UnsupportedPayloadType);
        verdict.VerifiedKeyIds.Count.ShouldBe(1);
        verdict.Payload.ShouldBeEmpty();
    }

    [Fact]
    public void One_key_signing_twice_counts_once_against_a_threshold_of_two()
    {
        var signer = new Ed25519EnvelopeSigner(_alice);
        var envelope = Envelope.Sign(PayloadTypes.AgentManifest, Manifest, signer, signer);
        var policy = new TrustPolicy([_alice.PublicKey, _bob.PublicKey], 2, [PayloadTypes.AgentManifest]);

        var verdict = EnvelopeVerifier.Verify(envelope, policy);

        verdict.Rejection.ShouldBe(EnvelopeRejection.ThresholdNotMet);
        verdict.VerifiedKeyIds.Count.ShouldBe(1);
    }

    [Fact]
    public void Two_distinct_trusted_keys_meet_a_threshold_of_two()
    {
        var envelope = Envelope.Sign(PayloadTypes.AgentManifest, Manifest, new Ed25519EnvelopeSigner(_alice))
            .AddSignature(new Ed25519EnvelopeSigner(_bob));
        var policy = new TrustPolicy([_alice.PublicKey, _bob.PublicKey], 2, [PayloadTypes.AgentManifest]);

        EnvelopeVerifier.Verify(envelope, policy).IsVerified.ShouldBeTrue();
    }

    [Fact]
    public void A_trusted_key_listed_twice_in_the_policy_is_one_key()
    {
        Should.Throw<ArgumentException>(() => new TrustPolicy([_alice.PublicKey, _alice.PublicKey], 2, [PayloadTypes.AgentManifest]))
            .Message.ShouldContain("distinct trusted keys (1)");
    }

    [Fact]
    public void Signature_from_an_untrusted_key_does_not_count()
    {
        var envelope = Envelope.Sign(PayloadTypes.AgentManifest, Manifest, new Ed25519EnvelopeSigner(_bob));

        EnvelopeVerifier.Verify(envelope, AlicePolicy()).Rejection.ShouldBe(EnvelopeRejection.ThresholdNotMet);
    }

    [Fact]
    public void Key_id_hint_naming_another_trusted_key_does_not_verify()
    {
        var envelope = new Envelope(PayloadTypes.AgentManifest, Manifest,
            [new EnvelopeSignature(_bob.PublicKey.KeyId.ToString(), _alice.Sign(Pae.Encode(PayloadTypes.AgentManifest, Manifest)))]);
        var policy = new TrustPolicy([_alice.PublicKey, _bob.PublicKey], 1, [PayloadTypes.AgentManifest]);

        EnvelopeVerifier.Verify(envelope, policy).IsVerified.ShouldBeFalse();
    }

    [Fact]
    public void Pae_uses_byte_lengths_of_utf8()
    {
        Encoding.UTF8.GetString(Pae.Encode("tëst", "é"u8)).ShouldBe("DSSEv1 5 tëst 2 é");
        Encoding.ASCII.GetString(Pae.Encode("", [])).ShouldBe("DSSEv1 0  0 ");
    }

    [Fact]
    public void Short_payload_type_names_resolve_and_unknown_names_are_refused()
    {
        PayloadTypes.Resolve("agent-manifest").ShouldBe("application/vnd.actortrust.agent-manifest+json");
        PayloadTypes.Resolve(PayloadTypes.Checkpoint).ShouldBe(PayloadTypes.Checkpoint);
        Should.Throw<FormatException>(() => PayloadTypes.Resolve("agent-manifests")).Message.ShouldContain("unknown payload type");
    }

    private TrustPolicy AlicePolicy() => TrustPolicy.Single(_alice.PublicKey, PayloadTypes.AgentManifest);
}
