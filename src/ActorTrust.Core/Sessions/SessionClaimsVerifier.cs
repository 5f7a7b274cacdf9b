using System.Text;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Sessions;

/// <summary>
/// Verifies a session-claims envelope against the authenticated connection, purely. Order: read the envelope;
/// verify the signature under the connection's peer key (a bundle that verifies only under the key it names
/// itself is <c>detached</c>, anything else <c>invalid</c>); read exactly the verified bytes (malformed:
/// invalid); compare the stated transport facts (any difference: detached); then audience, issue time, expiry
/// and nonce (invalid).
/// </summary>
public static class SessionClaimsVerifier
{
    /// <summary>Verifies <paramref name="envelopeJson"/>.</summary>
    /// <param name="envelopeJson">The claims envelope as DSSE JSON text, untrusted.</param>
    /// <param name="transport">The authenticated connection's facts; its peer key must be well-formed.</param>
    /// <param name="audience">The node's audience.</param>
    /// <param name="now">The evaluation time.</param>
    /// <param name="seenNonces">Nonces already used (the node's ledger); a bundle whose nonce is among them is a replay.</param>
    /// <exception cref="ArgumentException"><paramref name="transport"/> carries no usable peer key.</exception>
    public static ClaimsVerdict Verify(string envelopeJson, TransportFacts transport, string audience, DateTimeOffset now, IReadOnlyCollection<string>? seenNonces = null)
    {
        ArgumentNullException.ThrowIfNull(envelopeJson);
        ArgumentNullException.ThrowIfNull(transport);
        if (!transport.TryGetPeerKey(out var peerKey, out var keyError))
        {
            throw new ArgumentException(keyError, nameof(transport));
        }

        var envelopeBytes = Encoding.UTF8.GetBytes(envelopeJson);
        Envelope envelope;
        try
        {
            envelope = EnvelopeJson.Parse(envelopeBytes);
        }
        catch (EnvelopeException ex)
        {
            return Invalid($"the claims envelope is malformed: {ex.Message}");
        }

        var digest = Digest.Sha256(envelope.Payload);
        var verdict = EnvelopeVerifier.Verify(envelope, TrustPolicy.Single(peerKey, PayloadTypes.SessionClaims));
        if (verdict.Rejection == EnvelopeRejection.UnsupportedPayloadType)
        {
            return Invalid($"payload type '{envelope.PayloadType}' is not session claims") with { ClaimsDigest = digest };
        }

        if (!verdict.IsVerified)
        {
            return Unauthenticated(envelope, peerKey) with { ClaimsDigest = digest };
        }

        var claims = SessionClaimsReader.Read(verdict.Payload, out var error);
        if (claims is null)
        {
            return Invalid($"the claims payload is malformed: {error}") with { ClaimsDigest = digest };
        }

        var refusal = Check(claims, transport, audience, now, seenNonces);
        return (refusal ?? new ClaimsVerdict(ClaimsDisposition.Verified, "signed by the authenticated peer key, bound to this connection, current and fresh")
        {
            Envelope = Canonical(envelope, envelopeJson, envelopeBytes),
        }) with { Claims = claims, ClaimsDigest = digest };
    }

    // The envelope as recorded: its canonical form, which is the presented text itself when that was already canonical.
    private static string Canonical(Envelope envelope, string presented, byte[] presentedBytes)
    {
        var canonical = EnvelopeJson.Serialize(envelope);
        return canonical.AsSpan().SequenceEqual(presentedBytes) ? presented : Encoding.UTF8.GetString(canonical);
    }

    private static ClaimsVerdict? Check(SessionClaims claims, TransportFacts transport, string audience, DateTimeOffset now, IReadOnlyCollection<string>? seenNonces) =>
        claims.Transport.FirstDifference(transport) is { } field
            ? new ClaimsVerdict(ClaimsDisposition.Detached, $"the claims state another {field} than the authenticated connection")
        : !string.Equals(claims.Audience, audience, StringComparison.Ordinal)
            ? Invalid($"the claims are for audience '{claims.Audience}', not '{audience}'")
        : claims.IssuedAt > now + SessionClaims.AllowedClockSkew
            ? Invalid($"the claims are future-dated: issued_at {claims.IssuedAt:O} is after {now:O}")
        : now >= claims.ExpiresAt
            ? Invalid($"the claims expired at {claims.ExpiresAt:O}")
        : seenNonces is not null && seenNonces.Contains(claims.Nonce)
            ? Invalid($"nonce '{claims.Nonce}' was already used: the claims are replayed")
        : null;

    // Signed by another key (the one the bundle names itself) is detached; no verifying signature at all is invalid.
    private static ClaimsVerdict Unauthenticated(Envelope envelope, Ed25519PublicKey peerKey)
    {
        var stated = SessionClaimsReader.Read(envelope.Payload, out _);
        if (stated is not null && stated.Transport.TryGetPeerKey(out var statedKey, out _) && !statedKey.Equals(peerKey)
            && EnvelopeVerifier.Verify(envelope, TrustPolicy.Single(statedKey, PayloadTypes.SessionClaims)).IsVerified)
        {
            return new ClaimsVerdict(ClaimsDisposition.Detached, $"the claims are signed by key {statedKey.KeyId}, not by the authenticated peer key {peerKey.KeyId}");
        }

        return Invalid($"no signature on the claims verifies under the authenticated peer key {peerKey.KeyId}");
    }

    private static ClaimsVerdict Invalid(string detail) => new(ClaimsDisposition.Invalid, detail);
}
