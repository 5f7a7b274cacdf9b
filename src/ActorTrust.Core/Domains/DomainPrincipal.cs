using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Domains;

/// <summary>
/// One key authorised to act for a trust domain, and the roles it holds. A principal is a key, not an
/// account: <paramref name="KeyId"/> must be <c>sha256:</c> of the raw public key.
/// </summary>
/// <param name="KeyId">The key id, <c>sha256:</c> of the 32 raw public key bytes.</param>
/// <param name="PublicKey">The Ed25519 public key as 64 lowercase hex characters.</param>
/// <param name="Roles">The roles the key holds; non-empty, without repeats.</param>
public sealed record DomainPrincipal(Digest KeyId, string PublicKey, IReadOnlyList<DomainRole> Roles)
{
    /// <summary>True when this principal holds <paramref name="role"/>.</summary>
    public bool Holds(DomainRole role) => Roles.Contains(role);
}
