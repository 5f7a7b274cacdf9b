using ActorTrust.Core.Federation.Governance;
using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Migrations;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Federation.Peers;

/// <summary>A pending acceptance token: its digest (never the token) and when it expires.</summary>
/// <param name="Digest">The token's digest.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
public sealed record AcceptanceTokenDigest(Digest Digest, DateTimeOffset ExpiresAt);

/// <summary>The contract both sides agreed to at acceptance.</summary>
/// <param name="Version">The contract version agreed.</param>
/// <param name="Digest">Its text digest.</param>
/// <param name="SignedAt">When the peer acknowledged it.</param>
public sealed record ContractAgreement(int Version, Digest Digest, DateTimeOffset SignedAt);

/// <summary>The latest lifecycle transition, for the operator's view.</summary>
/// <param name="From">The previous status.</param>
/// <param name="To">The new status.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">Who.</param>
/// <param name="At">When.</param>
public sealed record StatusChange(PeerStatus From, PeerStatus To, string Reason, FederationActor Actor, DateTimeOffset At);

/// <summary>
/// The state of one <c>peer</c> entity. Immutable; changed only by <see cref="PeerDecider.Evolve"/>. Holds no secret:
/// the acceptance token and grant credentials are kept as digests.
/// </summary>
/// <param name="Status">The lifecycle status.</param>
/// <param name="Handshakes">The times of the latest accepted handshakes (at most <see cref="FederationPolicy.MaxHandshakesPerWindow"/>), oldest first.</param>
/// <param name="Findings">Every governance finding, in order.</param>
/// <param name="Grants">Every grant issued, in order.</param>
/// <param name="Migrations">Every inbound migration, in order.</param>
/// <param name="PeerId">The peer id, once proposed.</param>
/// <param name="Identity">The peer's operator, endpoint and key, once proposed.</param>
/// <param name="Token">The pending acceptance token; null once spent or voided.</param>
/// <param name="TokenSpentAt">When the acceptance token was spent.</param>
/// <param name="Contract">The contract agreed, once accepted.</param>
/// <param name="Handshake">The latest handshake (what the peer declared), once enrolled.</param>
/// <param name="HandshakeAt">When it happened.</param>
/// <param name="Disclosure">The latest disclosure metadata (from the handshake or a heartbeat).</param>
/// <param name="LastHeartbeatAt">The latest heartbeat.</param>
/// <param name="LastChange">The latest lifecycle transition.</param>
/// <param name="ReinstatedAt">The latest reinstatement (findings before it no longer count toward auto-suspension).</param>
/// <param name="Compromise">The latest compromise disclosure.</param>
/// <param name="Revocation">The revocation, once revoked.</param>
public sealed record PeerState(
    PeerStatus Status,
    IReadOnlyList<DateTimeOffset> Handshakes,
    IReadOnlyList<PeerFinding> Findings,
    IReadOnlyList<PeerGrant> Grants,
    IReadOnlyList<PeerMigration> Migrations,
    string? PeerId = null,
    PeerIdentity? Identity = null,
    AcceptanceTokenDigest? Token = null,
    DateTimeOffset? TokenSpentAt = null,
    ContractAgreement? Contract = null,
    HandshakeRecord? Handshake = null,
    DateTimeOffset? HandshakeAt = null,
    IdentityDisclosure? Disclosure = null,
    DateTimeOffset? LastHeartbeatAt = null,
    StatusChange? LastChange = null,
    DateTimeOffset? ReinstatedAt = null,
    PeerCompromiseDisclosed? Compromise = null,
    PeerRevoked? Revocation = null)
{
    /// <summary>The state of a peer with no events.</summary>
    public static PeerState Empty { get; } = new(PeerStatus.None, [], [], [], []);

    /// <summary>The grant <paramref name="grantId"/>, or null.</summary>
    public PeerGrant? Grant(string? grantId) => Grants.FirstOrDefault(g => string.Equals(g.Issued.GrantId, grantId, StringComparison.Ordinal));

    /// <summary>The migration <paramref name="migrationId"/>, or null.</summary>
    public PeerMigration? Migration(string? migrationId) => Migrations.FirstOrDefault(m => string.Equals(m.Id, migrationId, StringComparison.Ordinal));

    /// <summary>The open finding of <paramref name="kind"/>, or null.</summary>
    public PeerFinding? OpenFinding(FindingKind kind) => Findings.FirstOrDefault(f => f.IsOpen && f.Raised.Kind == kind);

    /// <summary>True when the peer is revoked and <paramref name="now"/> is still inside the in-flight migrations' grace period.</summary>
    public bool IsInMigrationGrace(DateTimeOffset now) => Revocation is { } revoked && now < revoked.MigrationGraceUntil;
}
