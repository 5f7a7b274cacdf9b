using ActorTrust.Core.Entities;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using static ActorTrust.Core.Domains.DomainRejectionCodes;

namespace ActorTrust.Core.Domains;

/// <summary>Decides <see cref="CreateDomain"/>: a self-signed version 1 manifest for a new domain.</summary>
internal static class DomainCreation
{
    internal static Decision<DomainEvent> Decide(DomainState state, CreateDomain command, DecisionContext context)
    {
        if (!DomainEnvelopes.TryRead(command.Envelope, out var envelope, out var malformed))
        {
            return Decision<DomainEvent>.Reject(malformed.Code, malformed.Message);
        }

        var digest = Digest.Sha256(envelope.Payload);
        if (state.Current is { } current)
        {
            return current.ManifestDigest == digest
                ? Decision<DomainEvent>.Accept()
                : Decision<DomainEvent>.Reject(DomainExists, $"domain '{context.EntityId}' already exists at version {current.Version}");
        }

        if (!string.Equals(envelope.PayloadType, PayloadTypes.AuthorityManifest, StringComparison.Ordinal))
        {
            return Decision<DomainEvent>.Reject(PayloadTypeUnsupported, $"payload type '{envelope.PayloadType}' is not an authority manifest");
        }

        // Bootstrap: the trusted keys are the manifest's own roots, so the exact payload bytes are read
        // (never re-serialised) before the signatures over them are checked.
        if (!DomainAuthorityManifest.TryRead(envelope.Payload, out var manifest, out var invalid))
        {
            return Decision<DomainEvent>.Reject(invalid.Code, invalid.Message);
        }

        var refusal = CheckContent(manifest, context);
        if (refusal is not null)
        {
            return Decision<DomainEvent>.Reject(refusal.Code, refusal.Message);
        }

        var verdict = DomainEnvelopes.VerifyRoots(envelope, manifest);
        if (!verdict.IsVerified)
        {
            return Decision<DomainEvent>.Reject(SignatureThresholdNotMet, $"not self-signed by a threshold of its root keys: {verdict.Reason}");
        }

        return Decision<DomainEvent>.Accept(new DomainCreated(
            manifest.DomainId, manifest, digest, DomainEnvelopes.ToText(envelope),
            [.. verdict.VerifiedKeyIds.Select(Digest.Parse)], context.Now));
    }

    private static Rejection? CheckContent(DomainAuthorityManifest manifest, DecisionContext context)
    {
        if (!string.Equals(manifest.DomainId, context.EntityId, StringComparison.Ordinal))
        {
            return new(DomainIdMismatch, $"manifest is for domain '{manifest.DomainId}', not '{context.EntityId}'");
        }

        if (manifest.Version != 1)
        {
            return new(InitialVersionNotOne, $"a domain is created from version 1, not version {manifest.Version}");
        }

        return manifest.IsExpiredAt(context.Now)
            ? new(ManifestExpired, $"manifest expired at {manifest.ExpiresAt:O}")
            : null;
    }
}
