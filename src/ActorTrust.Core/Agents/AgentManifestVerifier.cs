using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using static ActorTrust.Core.Agents.AgentRejectionCodes;

namespace ActorTrust.Core.Agents;

/// <summary>
/// Verifies a signed Agent Manifest, purely: usable offline (<c>actortrust verify manifest</c>) and by the
/// <c>agent</c> decider. Order: read the envelope; check the issuer authority; verify signatures against the
/// issuer domain's principal keys; only then read exactly the verified bytes; then issuer, signer role,
/// revocation, validity window and expected hashes. Anything short of VALID must be treated as not valid.
/// </summary>
public static class AgentManifestVerifier
{
    /// <summary>How far in the future <c>issued_at</c> (and a revocation's <c>revoked_at</c>) may lie.</summary>
    public static TimeSpan AllowedClockSkew { get; } = TimeSpan.FromMinutes(1);

    /// <summary>Verifies the DSSE envelope JSON in <paramref name="envelopeJson"/>.</summary>
    /// <param name="envelopeJson">The envelope document, untrusted.</param>
    /// <param name="authority">The issuer domain's current authority; null when none is trusted (UNVERIFIABLE).</param>
    /// <param name="now">The evaluation time.</param>
    /// <param name="revocations">What is known to be revoked; none when null.</param>
    /// <param name="expected">Hashes the manifest must bind; no hash checks when null.</param>
    public static ManifestVerdict Verify(
        ReadOnlySpan<byte> envelopeJson,
        IssuerAuthority? authority,
        DateTimeOffset now,
        RevocationList? revocations = null,
        ExpectedHashes? expected = null)
    {
        Envelope envelope;
        try
        {
            envelope = EnvelopeJson.Parse(envelopeJson);
        }
        catch (EnvelopeException ex)
        {
            return ex.Error == EnvelopeFormatError.NoSignatures
                ? new(ManifestVerdictStatus.SignatureMissing, SignatureMissing, "the envelope carries no signature")
                : new(ManifestVerdictStatus.Incomplete, EnvelopeMalformed, ex.Message);
        }

        return Verify(envelope, authority, now, revocations, expected);
    }

    /// <summary>Verifies an envelope already read (see the other overload for the parameters).</summary>
    public static ManifestVerdict Verify(
        Envelope envelope,
        IssuerAuthority? authority,
        DateTimeOffset now,
        RevocationList? revocations = null,
        ExpectedHashes? expected = null)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var digest = Digest.Sha256(envelope.Payload);
        if (envelope.Signatures.Count == 0)
        {
            return new(ManifestVerdictStatus.SignatureMissing, SignatureMissing, "the envelope carries no signature") { ManifestDigest = digest };
        }

        var verdict = Authenticate(envelope, authority, now, out var signers)
            ?? Check(envelope, authority!, signers, now, revocations ?? RevocationList.None, expected);
        return verdict with { ManifestDigest = digest };
    }

    private static ManifestVerdict? Authenticate(Envelope envelope, IssuerAuthority? authority, DateTimeOffset now, out IReadOnlyList<DomainPrincipal> signers)
    {
        signers = [];
        if (authority is null)
        {
            return Unverifiable(NoTrustedAuthority, "no issuer authority is trusted for this manifest");
        }

        if (authority.Validate() is { } invalid || !AuthorityKeys.TryCreate(authority, out var keys, out invalid))
        {
            return Unverifiable(AuthorityInvalid, invalid);
        }

        if (authority.IsExpiredAt(now))
        {
            return Unverifiable(AuthorityExpired, $"domain '{authority.DomainId}' version {authority.Version} expired at {authority.ExpiresAt:O}");
        }

        if (!keys.AnyHolds(DomainRole.Publisher))
        {
            return Unverifiable(NoTrustedAuthority, $"domain '{authority.DomainId}' version {authority.Version} has no publisher key");
        }

        var verdict = keys.Verify(envelope, PayloadTypes.AgentManifest);
        if (verdict.Rejection == EnvelopeRejection.UnsupportedPayloadType)
        {
            return Mismatch(PayloadTypeUnsupported, $"payload type '{envelope.PayloadType}' is not an agent manifest");
        }

        if (!verdict.IsVerified)
        {
            return keys.NamedByHint(envelope)
                ? Mismatch(SignatureInvalid, "a signature names a key of the issuer domain but does not verify: the manifest or signature was altered")
                : Unverifiable(SignerUnknown, $"no signature is by a key of domain '{authority.DomainId}'");
        }

        signers = keys.Signers(verdict);
        return signers.Any(s => s.Holds(DomainRole.Publisher))
            ? null
            : Mismatch(SignerNotPublisher, $"signed only by keys that do not hold publisher in domain '{authority.DomainId}'");
    }

    private static ManifestVerdict Check(
        Envelope envelope, IssuerAuthority authority, IReadOnlyList<DomainPrincipal> signers, DateTimeOffset now, RevocationList revocations, ExpectedHashes? expected)
    {
        var manifest = AgentManifestReader.Read(envelope.Payload, out var unreadable);
        if (manifest is null)
        {
            return unreadable!;
        }

        var refusal = AgentManifestChecks.Check(manifest, authority, signers, now, revocations, expected);
        return (refusal ?? new ManifestVerdict(ManifestVerdictStatus.Valid, ManifestVerdict.ValidCode, "valid") { SignerKeyId = manifest.IssuerKeyId })
            with { Manifest = manifest };
    }

    private static ManifestVerdict Unverifiable(string code, string reason) => new(ManifestVerdictStatus.Unverifiable, code, reason);

    private static ManifestVerdict Mismatch(string code, string reason) => new(ManifestVerdictStatus.Mismatch, code, reason);
}
