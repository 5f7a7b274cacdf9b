using ActorTrust.Core.Entities;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using static ActorTrust.Core.Domains.DomainRejectionCodes;

namespace ActorTrust.Core.Domains;

/// <summary>
/// Decides <see cref="RotateDomain"/> with TUF's root rotation rules: version N+1 is accepted only when
/// signed by a threshold of version N's roots and a threshold of its own, with a version of exactly N+1
/// that chains to N's digest. Each key counts once towards each threshold.
/// </summary>
/// <remarks>
/// Expired current manifest: TUF (client workflow §5.3) lets a client walk through expired intermediate
/// roots — only the final trusted root must be unexpired — because root expiry guards clients against
/// freeze attacks, not against use of the keys. ActorTrust is an online authority and refuses instead
/// (<see cref="DomainRejectionCodes.CurrentManifestExpired"/>): an expired version has lapsed, and its
/// roots may not extend it. Operators rotate before expiry; recovering a lapsed domain is a deliberate,
/// separate operation, not a rotation.
/// </remarks>
internal static class DomainRotation
{
    internal static Decision<DomainEvent> Decide(DomainState state, RotateDomain command, DecisionContext context)
    {
        if (state.Current is not { } current)
        {
            return Decision<DomainEvent>.Reject(DomainNotFound, $"domain '{context.EntityId}' has not been created");
        }

        if (!DomainEnvelopes.TryRead(command.Envelope, out var envelope, out var malformed))
        {
            return Decision<DomainEvent>.Reject(malformed.Code, malformed.Message);
        }

        var digest = Digest.Sha256(envelope.Payload);
        if (digest == current.ManifestDigest)
        {
            return Decision<DomainEvent>.Accept();
        }

        if (current.Manifest.IsExpiredAt(context.Now))
        {
            return Decision<DomainEvent>.Reject(CurrentManifestExpired,
                $"current version {current.Version} expired at {current.Manifest.ExpiresAt:O}; its roots can no longer authorise a rotation");
        }

        // Verify against the trusted (current) roots first, then read exactly the verified bytes.
        var byPrevious = DomainEnvelopes.VerifyRoots(envelope, current.Manifest);
        if (byPrevious.Rejection == EnvelopeRejection.UnsupportedPayloadType)
        {
            return Decision<DomainEvent>.Reject(PayloadTypeUnsupported, $"payload type '{envelope.PayloadType}' is not an authority manifest");
        }

        if (!byPrevious.IsVerified)
        {
            return Decision<DomainEvent>.Reject(PreviousRootsThresholdNotMet, $"version {current.Version}'s roots: {byPrevious.Reason}");
        }

        if (!DomainAuthorityManifest.TryRead(byPrevious.Payload, out var manifest, out var invalid))
        {
            return Decision<DomainEvent>.Reject(invalid.Code, invalid.Message);
        }

        var refusal = CheckSuccession(current, manifest, context);
        if (refusal is not null)
        {
            return Decision<DomainEvent>.Reject(refusal.Code, refusal.Message);
        }

        var byNew = DomainEnvelopes.VerifyRoots(envelope, manifest);
        if (!byNew.IsVerified)
        {
            return Decision<DomainEvent>.Reject(SignatureThresholdNotMet, $"version {manifest.Version}'s own roots: {byNew.Reason}");
        }

        return Decision<DomainEvent>.Accept(new DomainRotated(
            manifest.DomainId, manifest, digest, current.ManifestDigest, DomainEnvelopes.ToText(envelope),
            [.. byPrevious.VerifiedKeyIds.Select(Digest.Parse)], [.. byNew.VerifiedKeyIds.Select(Digest.Parse)], context.Now));
    }

    private static Rejection? CheckSuccession(DomainVersion current, DomainAuthorityManifest next, DecisionContext context)
    {
        if (!string.Equals(next.DomainId, context.EntityId, StringComparison.Ordinal))
        {
            return new(DomainIdMismatch, $"manifest is for domain '{next.DomainId}', not '{context.EntityId}'");
        }

        if (next.Version != current.Version + 1)
        {
            var what = next.Version <= current.Version
                ? (next.Version == current.Version ? "repeats the current version" : "is a rollback")
                : "skips a version";
            return new(RotationVersionNotNext, $"version {next.Version} {what}; the next version is {current.Version + 1}");
        }

        if (next.PreviousManifestDigest != current.ManifestDigest)
        {
            return new(PreviousDigestMismatch, $"previous_manifest_digest {next.PreviousManifestDigest} is not the current digest {current.ManifestDigest}");
        }

        return next.IsExpiredAt(context.Now) ? new(ManifestExpired, $"manifest expired at {next.ExpiresAt:O}") : null;
    }
}
