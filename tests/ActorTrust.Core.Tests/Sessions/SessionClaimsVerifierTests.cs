using System.Text;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;
using ActorTrust.Core.Sessions;
using ActorTrust.Core.Tests.TestSupport;
using static ActorTrust.Core.Tests.Agents.AgentFixtures;
using static ActorTrust.Core.Tests.Sessions.SessionFixtures;

namespace ActorTrust.Core.Tests.Sessions;

public sealed class SessionClaimsVerifierTests
{
    private static ClaimsVerdict Verify(string envelope, TransportFacts? transport = null, DateTimeOffset? now = null, IReadOnlyCollection<string>? seen = null) =>
        SessionClaimsVerifier.Verify(envelope, transport ?? Transport, Audience, now ?? Now, seen);

    private static string SignRaw(string payloadType, byte[] payload, int key = Peer) =>
        Encoding.UTF8.GetString(EnvelopeJson.Serialize(Envelope.Sign(payloadType, payload, TestKeys.Signer(key))));

    [Fact]
    public void Claims_signed_by_the_authenticated_peer_for_this_connection_verify_with_their_payload_digest()
    {
        var claims = Claims();

        var verdict = Verify(SignClaims(claims));

        verdict.Disposition.ShouldBe(ClaimsDisposition.Verified, verdict.Detail);
        ActorTrustJson.ToCanonicalBytes(verdict.Claims).ShouldBe(ActorTrustJson.ToCanonicalBytes(claims));
        verdict.ClaimsDigest.ShouldBe(Digest.Sha256(ActorTrustJson.ToCanonicalBytes(claims)));
        verdict.Envelope.ShouldBe(SignClaims(claims));
    }

    [Fact]
    public void Claims_signed_by_the_key_they_name_which_is_not_the_connection_key_are_detached()
    {
        var claims = Claims(transport: Transport with { PeerAuthPublicKey = TestKeys.Hex(OtherPeer) });

        var verdict = Verify(SignClaims(claims, OtherPeer));

        verdict.Disposition.ShouldBe(ClaimsDisposition.Detached);
        verdict.Detail.ShouldContain("not by the authenticated peer key");
        verdict.Claims.ShouldBeNull();
    }

    [Fact]
    public void Claims_naming_the_peer_key_but_signed_by_another_key_are_invalid()
    {
        Verify(SignClaims(Claims(), OtherPeer)).Disposition.ShouldBe(ClaimsDisposition.Invalid);
    }

    [Fact]
    public void Claims_altered_after_signing_are_invalid()
    {
        var envelope = SessionClaimsSigning.Sign(Claims(), TestKeys.Signer(Peer));
        var altered = envelope with { Payload = ActorTrustJson.ToCanonicalBytes(Claims() with { ProofPosture = ProofPosture.None }) };

        var verdict = Verify(Encoding.UTF8.GetString(EnvelopeJson.Serialize(altered)));

        verdict.Disposition.ShouldBe(ClaimsDisposition.Invalid);
        verdict.Detail.ShouldContain("no signature on the claims verifies");
    }

    public static TheoryData<string> TransportDifferences() => ["peer_node_id", "path_kind", "relay_id", "session_tag"];

    [Theory]
    [MemberData(nameof(TransportDifferences))]
    public void Claims_stating_other_transport_facts_than_the_connection_are_detached(string field)
    {
        var connection = field == "path_kind" ? Transport : Relayed;
        var stated = field switch
        {
            "peer_node_id" => Relayed with { PeerNodeId = "peer-2" },
            "path_kind" => Relayed,
            "relay_id" => Relayed with { RelayId = "relay-8" },
            _ => Relayed with { SessionTag = "tag-43" },
        };

        var verdict = Verify(SignClaims(Claims(transport: stated)), connection);

        verdict.Disposition.ShouldBe(ClaimsDisposition.Detached);
        verdict.Detail.ShouldBe($"the claims state another {field} than the authenticated connection");
        verdict.Claims.ShouldNotBeNull();
    }

    [Fact]
    public void Relayed_claims_matching_the_relayed_connection_verify()
    {
        Verify(SignClaims(Claims(transport: Relayed)), Relayed).IsVerified.ShouldBeTrue();
    }

    [Fact]
    public void Claims_for_another_audience_are_invalid()
    {
        var verdict = Verify(SignClaims(Claims() with { Audience = "spiffe://node.example/node/n2" }));

        verdict.Disposition.ShouldBe(ClaimsDisposition.Invalid);
        verdict.Detail.ShouldContain("not 'spiffe://node.example/node/n1'");
    }

    [Fact]
    public void Expired_claims_are_invalid_from_their_expiry_on()
    {
        var claims = Claims();

        Verify(SignClaims(claims), now: claims.ExpiresAt.AddTicks(-1)).IsVerified.ShouldBeTrue();
        Verify(SignClaims(claims), now: claims.ExpiresAt).Detail.ShouldContain("expired");
    }

    [Fact]
    public void Claims_issued_beyond_the_clock_skew_are_future_dated_and_invalid()
    {
        var claims = Claims(Now.AddMinutes(2));

        Verify(SignClaims(claims)).Detail.ShouldContain("future-dated");
        Verify(SignClaims(Claims(Now.AddSeconds(80)))).IsVerified.ShouldBeTrue();
    }

    [Fact]
    public void Claims_valid_for_longer_than_the_maximum_lifetime_are_malformed()
    {
        var claims = Claims() with { ExpiresAt = Now.AddMinutes(11) };

        Verify(SignClaims(claims)).Detail.ShouldContain("at most 00:10:00 is allowed");
    }

    [Fact]
    public void Claims_whose_nonce_was_already_used_are_a_replay()
    {
        var verdict = Verify(SignClaims(Claims()), seen: new HashSet<string>(StringComparer.Ordinal) { Nonce });

        verdict.Disposition.ShouldBe(ClaimsDisposition.Invalid);
        verdict.Detail.ShouldContain("replayed");
        verdict.Claims!.Nonce.ShouldBe(Nonce);
    }

    [Fact]
    public void Unreadable_envelope_non_canonical_payload_and_foreign_payload_type_are_invalid()
    {
        var canonical = Encoding.UTF8.GetString(ActorTrustJson.ToCanonicalBytes(Claims()));

        Verify("not json").Detail.ShouldContain("malformed");
        Verify(SignRaw(PayloadTypes.SessionClaims, Encoding.UTF8.GetBytes(canonical.Replace(",", ", ", StringComparison.Ordinal)))).Detail.ShouldContain("not canonical");
        Verify(SignRaw(PayloadTypes.TrustRecord, Encoding.UTF8.GetBytes(canonical))).Detail.ShouldContain("is not session claims");
    }

    [Fact]
    public void Nonce_can_be_peeked_for_the_ledger_and_garbage_has_none()
    {
        SessionClaimsReader.TryPeekNonce(SignClaims(Claims()), out var nonce).ShouldBeTrue();
        nonce.ShouldBe(Nonce);
        SessionClaimsReader.TryPeekNonce("{}", out _).ShouldBeFalse();
        SessionClaimsReader.TryPeekNonce(SignClaims(Claims() with { Nonce = "short" }), out _).ShouldBeFalse();
    }
}
