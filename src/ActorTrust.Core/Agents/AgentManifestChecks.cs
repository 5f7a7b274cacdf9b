using ActorTrust.Core.Domains;
using ActorTrust.Core.Hashing;
using static ActorTrust.Core.Agents.AgentRejectionCodes;

namespace ActorTrust.Core.Agents;

/// <summary>The checks on a manifest whose signature verified and whose payload was read.</summary>
internal static class AgentManifestChecks
{
    /// <summary>Returns null when the manifest passes, else the verdict that refuses it.</summary>
    internal static ManifestVerdict? Check(
        AgentManifest manifest, IssuerAuthority authority, IReadOnlyList<DomainPrincipal> signers, DateTimeOffset now, RevocationList revocations, ExpectedHashes? expected)
    {
        if (!string.Equals(manifest.Issuer, authority.DomainId, StringComparison.Ordinal))
        {
            return Mismatch(IssuerMismatch, $"manifest issuer '{manifest.Issuer}' is not the trusted domain '{authority.DomainId}'");
        }

        // Trust-domain membership by parsed trust domain, never by prefix.
        if (!string.Equals(manifest.AgentId.TrustDomain, manifest.Issuer, StringComparison.Ordinal))
        {
            return Mismatch(AgentOutsideIssuerDomain, $"agent {manifest.AgentId} is not in issuer domain '{manifest.Issuer}'");
        }

        var issuerKey = signers.FirstOrDefault(s => s.KeyId == manifest.IssuerKeyId);
        if (issuerKey is null)
        {
            return Mismatch(IssuerKeyNotSigner, $"issuer_key_id {manifest.IssuerKeyId} did not sign this manifest");
        }

        if (!issuerKey.Holds(DomainRole.Publisher))
        {
            return Mismatch(SignerNotPublisher, $"issuer key {manifest.IssuerKeyId} does not hold publisher in domain '{authority.DomainId}'");
        }

        if (revocations.Covers(manifest))
        {
            return new(ManifestVerdictStatus.Revoked, Revoked, $"manifest {manifest.ManifestId} of {manifest.AgentId} is revoked");
        }

        if (manifest.IsExpiredAt(now))
        {
            return new(ManifestVerdictStatus.Expired, Expired, $"manifest expired at {manifest.ExpiresAt:O}");
        }

        if (manifest.IssuedAt > now + AgentManifestVerifier.AllowedClockSkew)
        {
            return Mismatch(IssuedInFuture, $"issued_at {manifest.IssuedAt:O} is in the future");
        }

        return CheckHashes(manifest, expected);
    }

    private static ManifestVerdict? CheckHashes(AgentManifest manifest, ExpectedHashes? expected) =>
        expected is null ? null
        : Differs(expected.PromptHash, manifest.PromptHash) ? Mismatch(PromptHashMismatch, $"prompt hash {manifest.PromptHash} is not the expected {expected.PromptHash}")
        : Differs(expected.PolicyBundleHash, manifest.PolicyBundleHash) ? Mismatch(PolicyBundleHashMismatch, $"policy bundle hash {manifest.PolicyBundleHash} is not the expected {expected.PolicyBundleHash}")
        : Differs(expected.ToolCatalogHash, manifest.ToolCatalogHash) ? Mismatch(ToolCatalogHashMismatch, $"tool catalog hash {manifest.ToolCatalogHash} is not the expected {expected.ToolCatalogHash}")
        : null;

    private static bool Differs(Digest? expected, Digest actual) => expected is { } value && value != actual;

    private static ManifestVerdict Mismatch(string code, string reason) => new(ManifestVerdictStatus.Mismatch, code, reason);
}
