using ActorTrust.Core.Agents;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Cli.Commands.Manifests;

/// <summary>
/// The issuer authority an offline verifier trusts, read from signed Domain Authority Manifest envelopes given
/// oldest first. Each must be signed by a threshold of its own roots; each later one must also be the next
/// version, chain to the previous digest and carry a threshold of the previous roots (the node's rotation rules).
/// Unreadable files throw (bad input); a chain that does not hold is a refusal, so the verdict is UNVERIFIABLE.
/// </summary>
internal static class AuthorityChain
{
    public static async Task<(IssuerAuthority? Authority, string? Refusal)> ReadAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        (DomainAuthorityManifest Manifest, Digest Digest)? previous = null;
        foreach (var path in paths)
        {
            var (envelope, manifest) = await ReadAsync(path, cancellationToken);
            var refusal = Check(envelope, manifest, previous);
            if (refusal is not null)
            {
                return (null, $"{path}: {refusal}");
            }

            previous = (manifest, Digest.Sha256(envelope.Payload));
        }

        var (last, digest) = previous ?? throw new ArgumentException("--authority: at least one authority manifest envelope is needed");
        return (new IssuerAuthority(last.DomainId, last.Version, digest, last.Principals, last.ExpiresAt), null);
    }

    private static string? Check(Envelope envelope, DomainAuthorityManifest manifest, (DomainAuthorityManifest Manifest, Digest Digest)? previous)
    {
        var own = RootsVerify(envelope, manifest);
        if (!own.IsVerified)
        {
            return $"version {manifest.Version} is not signed by a threshold of its own root keys: {own.Reason}";
        }

        if (previous is null)
        {
            return null;
        }

        var (before, beforeDigest) = previous.Value;
        return !string.Equals(manifest.DomainId, before.DomainId, StringComparison.Ordinal) ? $"is for domain '{manifest.DomainId}', not '{before.DomainId}'"
            : manifest.Version != before.Version + 1 ? $"version {manifest.Version} does not follow version {before.Version}"
            : manifest.PreviousManifestDigest != beforeDigest ? $"previous_manifest_digest is not the digest of version {before.Version}"
            : RootsVerify(envelope, before) is { IsVerified: false } byBefore ? $"not signed by a threshold of version {before.Version}'s root keys: {byBefore.Reason}"
            : null;
    }

    private static EnvelopeVerdict RootsVerify(Envelope envelope, DomainAuthorityManifest roots) =>
        EnvelopeVerifier.Verify(envelope, new TrustPolicy(roots.RootPublicKeys(), roots.RootThreshold, [PayloadTypes.AuthorityManifest]));

    private static async Task<(Envelope Envelope, DomainAuthorityManifest Manifest)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await CliFiles.ReadBoundedAsync(path, EnvelopeLimits.Default.MaxEnvelopeBytes, cancellationToken);
        Envelope envelope;
        try
        {
            envelope = EnvelopeJson.Parse(bytes);
        }
        catch (EnvelopeException ex)
        {
            throw new FormatException($"--authority: {path}: {ex.Message}", ex);
        }

        if (!string.Equals(envelope.PayloadType, PayloadTypes.AuthorityManifest, StringComparison.Ordinal))
        {
            throw new FormatException($"--authority: {path} holds '{envelope.PayloadType}', not an authority manifest");
        }

        return DomainAuthorityManifest.TryRead(envelope.Payload, out var manifest, out var rejection)
            ? (envelope, manifest)
            : throw new FormatException($"--authority: {path}: {rejection.Code}: {rejection.Message}");
    }
}
