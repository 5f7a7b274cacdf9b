using ActorTrust.Core.Entities;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Federation.Grants;

/// <summary>A grant was issued; it is honoured until <paramref name="ExpiresAt"/> or an explicit revocation (commitment 2).</summary>
/// <param name="GrantId">The grant id.</param>
/// <param name="Scopes">Its scopes.</param>
/// <param name="ResourceKind">Its resource kind (or <c>*</c>).</param>
/// <param name="RemoteSubject">The subject on the peer's side.</param>
/// <param name="Restrictions">Its restrictions.</param>
/// <param name="CredentialDigest">The bearer credential's digest (<see cref="BearerSecret.GrantCredentialPurpose"/>).</param>
/// <param name="MassScope">True for admin on every kind (issued only with the operator flag).</param>
/// <param name="IssuedAt">The decision time.</param>
/// <param name="ExpiresAt">When it stops being honoured.</param>
/// <param name="Actor">The operator.</param>
[EventName("peer.grant-issued.v1")]
public sealed record GrantIssued(
    string GrantId, IReadOnlyList<GrantScope> Scopes, string ResourceKind, string RemoteSubject, GrantRestrictions Restrictions, Digest CredentialDigest,
    bool MassScope, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, FederationActor Actor) : PeerEvent;

/// <summary>A grant was revoked before its expiry (peer revocation revokes every grant within <c>peer.revoked.v1</c> instead).</summary>
/// <param name="GrantId">The grant.</param>
/// <param name="RemoteSubject">Its remote subject.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">The operator.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.grant-revoked.v1")]
public sealed record GrantRevoked(string GrantId, string RemoteSubject, string Reason, FederationActor Actor, DateTimeOffset At) : PeerEvent;

/// <summary>The peer used a grant.</summary>
/// <param name="GrantId">The grant.</param>
/// <param name="RemoteSubject">Its remote subject.</param>
/// <param name="Use">What was done.</param>
/// <param name="Actor">The peer.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.grant-exercised.v1")]
public sealed record GrantExercised(string GrantId, string RemoteSubject, GrantUse Use, FederationActor Actor, DateTimeOffset At) : PeerEvent;

/// <summary>A grant as the peer state keeps it.</summary>
/// <param name="Issued">The issuing event.</param>
/// <param name="RevokedAt">When it was revoked; null while not.</param>
/// <param name="RevocationReason">Why it was revoked.</param>
public sealed record PeerGrant(GrantIssued Issued, DateTimeOffset? RevokedAt = null, string? RevocationReason = null)
{
    /// <summary>True while neither revoked nor expired at <paramref name="now"/>.</summary>
    public bool IsHonouredAt(DateTimeOffset now) => RevokedAt is null && now < Issued.ExpiresAt;
}
