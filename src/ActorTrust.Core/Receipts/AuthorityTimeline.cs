using ActorTrust.Core.Crypto;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Keys;

namespace ActorTrust.Core.Receipts;

/// <summary>
/// A domain's authority manifest versions by journal position: which version was in force at a position, and every
/// principal key the domain ever had. Built from the domain entity's state (online) or from a verified exported
/// history (offline), so both answer the same questions the same way.
/// </summary>
/// <param name="DomainId">The trust domain.</param>
/// <param name="Versions">The versions, oldest first, each with the journal position it was accepted at.</param>
/// <param name="Head">The journal's last position, when known; positions beyond it are unknown.</param>
internal sealed record AuthorityTimeline(string DomainId, IReadOnlyList<DomainVersion> Versions, long? Head)
{
    internal static AuthorityTimeline Of(DomainState state) => new(state.DomainId ?? string.Empty, state.Versions, state.Position);

    /// <summary>The version in force at <paramref name="position"/>: the last one accepted at or before it; null before creation or beyond the head.</summary>
    internal DomainVersion? VersionAt(long position) =>
        Head is { } head && position > head ? null : Versions.LastOrDefault(v => v.Position <= position);

    /// <summary>Every distinct principal key of every version (roots hold no roles, so they are not included).</summary>
    internal IReadOnlyList<Ed25519PublicKey> PrincipalKeys() =>
        [.. Versions.SelectMany(v => v.Manifest.Principals).Select(p => p.PublicKey).Distinct(StringComparer.Ordinal)
            .Select(hex => PublicKeyHex.TryParseForRegistration(hex, "principal", out var key, out _) ? key : null).OfType<Ed25519PublicKey>()];
}
