using System.Diagnostics.CodeAnalysis;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Keys;

namespace ActorTrust.Core.Agents;

/// <summary>
/// The principal keys of an <see cref="IssuerAuthority"/>, checked (hex, registration, key id) and ready to
/// verify envelopes. Keys are scoped to that one domain; nothing is merged across domains.
/// </summary>
internal sealed class AuthorityKeys
{
    private readonly List<(DomainPrincipal Principal, Ed25519PublicKey Key)> _entries;

    private AuthorityKeys(List<(DomainPrincipal, Ed25519PublicKey)> entries) => _entries = entries;

    internal bool IsEmpty => _entries.Count == 0;

    internal static bool TryCreate(IssuerAuthority authority, [NotNullWhen(true)] out AuthorityKeys? keys, [NotNullWhen(false)] out string? error)
    {
        keys = null;
        var entries = new List<(DomainPrincipal, Ed25519PublicKey)>(authority.Principals.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < authority.Principals.Count; i++)
        {
            var principal = authority.Principals[i];
            if (!PublicKeyHex.TryParseForRegistration(principal.PublicKey, $"authority principals[{i}].public_key", out var key, out error))
            {
                return false;
            }

            if (principal.KeyId != key.KeyId || !seen.Add(principal.PublicKey))
            {
                error = $"authority principals[{i}] has a key id that is not its key's, or repeats a key";
                return false;
            }

            entries.Add((principal, key));
        }

        keys = new AuthorityKeys(entries);
        error = null;
        return true;
    }

    /// <summary>True when some principal holds one of <paramref name="roles"/>.</summary>
    internal bool AnyHolds(params DomainRole[] roles) => _entries.Any(e => roles.Any(e.Principal.Holds));

    /// <summary>
    /// Verifies <paramref name="envelope"/> against every principal key with threshold 1; the verdict's
    /// key ids are the distinct principals whose signatures verified. Signatures first, then payload type.
    /// </summary>
    internal EnvelopeVerdict Verify(Envelope envelope, string payloadType) =>
        EnvelopeVerifier.Verify(envelope, new TrustPolicy(_entries.Select(e => e.Key), 1, [payloadType]));

    /// <summary>The principals named in <paramref name="verdict"/>'s verified key ids.</summary>
    internal IReadOnlyList<DomainPrincipal> Signers(EnvelopeVerdict verdict) =>
        [.. _entries.Where(e => verdict.VerifiedKeyIds.Contains(e.Principal.KeyId.ToString(), StringComparer.Ordinal)).Select(e => e.Principal)];

    /// <summary>True when some signature's key id hint names a principal (so a failed check means tampering, not an unknown signer).</summary>
    internal bool NamedByHint(Envelope envelope) =>
        envelope.Signatures.Any(s => s.KeyId is not null && _entries.Any(e => string.Equals(e.Principal.KeyId.ToString(), s.KeyId, StringComparison.Ordinal)));
}
