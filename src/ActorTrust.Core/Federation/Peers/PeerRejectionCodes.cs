namespace ActorTrust.Core.Federation.Peers;

/// <summary>
/// Stable reason codes of the <c>peer</c> decider. The security-relevant ones are recorded as
/// <c>peer.command-refused.v1</c> (with any finding and suspension they cause); the rest are returned without events.
/// </summary>
public static class PeerRejectionCodes
{
    /// <summary>Recorded: a peer command not authenticated by the peer's proposed key (or naming another peer).</summary>
    public const string PeerKeyMismatch = nameof(PeerKeyMismatch);

    /// <summary>Recorded: the acceptance token does not match (or was voided by a compromise disclosure).</summary>
    public const string AcceptanceTokenInvalid = nameof(AcceptanceTokenInvalid);

    /// <summary>Recorded: the acceptance token matches but has expired.</summary>
    public const string AcceptanceTokenExpired = nameof(AcceptanceTokenExpired);

    /// <summary>Recorded: the acceptance token was already spent; tokens are single-use.</summary>
    public const string AcceptanceTokenUsed = nameof(AcceptanceTokenUsed);

    /// <summary>Recorded: the contract digest the peer presented is not our registry's digest for that version.</summary>
    public const string ContractDigestMismatch = nameof(ContractDigestMismatch);

    /// <summary>Recorded: the peer's platform version is not compatible with ours (the reason says why).</summary>
    public const string PlatformVersionIncompatible = nameof(PlatformVersionIncompatible);

    /// <summary>Recorded, with a <c>handshake_flooding</c> finding: too many handshakes in the window.</summary>
    public const string HandshakeRateLimited = nameof(HandshakeRateLimited);

    /// <summary>Recorded: the grant id or bearer credential is wrong (the two are not told apart).</summary>
    public const string GrantCredentialInvalid = nameof(GrantCredentialInvalid);

    /// <summary>Recorded: the grant was revoked or has expired.</summary>
    public const string GrantNotHonoured = nameof(GrantNotHonoured);

    /// <summary>Recorded: the grant does not cover the scope or resource kind.</summary>
    public const string GrantScopeNotCovered = nameof(GrantScopeNotCovered);

    /// <summary>Recorded: the use is outside the grant's instance, network or CIDR restrictions.</summary>
    public const string GrantRestricted = nameof(GrantRestricted);

    /// <summary>Recorded, with a <c>migration_hygiene</c> finding: item ids not UUIDv7, repeated, or of kinds the grant does not cover.</summary>
    public const string MigrationHygieneViolated = nameof(MigrationHygieneViolated);

    /// <summary>Not recorded: the entity id is not a peer id (lowercase token of at most 128 characters).</summary>
    public const string PeerIdInvalid = nameof(PeerIdInvalid);

    /// <summary>Not recorded: the command is malformed (a node-side fault or a malformed request body).</summary>
    public const string CommandInvalid = nameof(CommandInvalid);

    /// <summary>Not recorded: this kind of actor may not send this command, or the operator key lacks <c>federator</c>.</summary>
    public const string ActorNotAuthorized = nameof(ActorNotAuthorized);

    /// <summary>Not recorded: the peer was never proposed (nothing is written for unknown peers).</summary>
    public const string PeerNotFound = nameof(PeerNotFound);

    /// <summary>Not recorded: the peer was already proposed.</summary>
    public const string PeerAlreadyProposed = nameof(PeerAlreadyProposed);

    /// <summary>Not recorded: the peer is revoked (terminal).</summary>
    public const string PeerAlreadyRevoked = nameof(PeerAlreadyRevoked);

    /// <summary>Not recorded: the transition table does not allow this move from the current status.</summary>
    public const string TransitionNotAllowed = nameof(TransitionNotAllowed);

    /// <summary>Not recorded: the command needs an enrolled, active or degraded peer.</summary>
    public const string PeerNotFederating = nameof(PeerNotFederating);

    /// <summary>Not recorded: the proposed public key is malformed or unfit (small-order, non-canonical).</summary>
    public const string PeerKeyInvalid = nameof(PeerKeyInvalid);

    /// <summary>Not recorded: no such contract version is published.</summary>
    public const string ContractVersionUnknown = nameof(ContractVersionUnknown);

    /// <summary>Not recorded: the contract version is deprecated; new federations cannot adopt it.</summary>
    public const string ContractVersionDeprecated = nameof(ContractVersionDeprecated);

    /// <summary>Not recorded: identity disclosure is incomplete (the missing fields are named); anonymous peers never enrol.</summary>
    public const string IdentityDisclosureIncomplete = nameof(IdentityDisclosureIncomplete);

    /// <summary>Not recorded: a handshake declared no resource kinds.</summary>
    public const string CapabilitiesNotDeclared = nameof(CapabilitiesNotDeclared);

    /// <summary>Not recorded: the grant id is taken.</summary>
    public const string GrantIdInUse = nameof(GrantIdInUse);

    /// <summary>Not recorded: no such grant (operator commands).</summary>
    public const string GrantNotFound = nameof(GrantNotFound);

    /// <summary>Not recorded: the TTL is outside 7 to 365 days.</summary>
    public const string GrantTtlOutOfBounds = nameof(GrantTtlOutOfBounds);

    /// <summary>Not recorded: admin on every kind needs the explicit operator flag.</summary>
    public const string MassScopeNeedsOperatorFlag = nameof(MassScopeNeedsOperatorFlag);

    /// <summary>Not recorded: the migration id is taken.</summary>
    public const string MigrationIdInUse = nameof(MigrationIdInUse);

    /// <summary>Not recorded: no such migration.</summary>
    public const string MigrationNotFound = nameof(MigrationNotFound);

    /// <summary>Not recorded: the migration transition table does not allow this step from the migration's status.</summary>
    public const string MigrationTransitionNotAllowed = nameof(MigrationTransitionNotAllowed);

    /// <summary>Not recorded: the peer is revoked and the in-flight migrations' grace period is over.</summary>
    public const string MigrationGraceEnded = nameof(MigrationGraceEnded);

    /// <summary>Not recorded: no such finding.</summary>
    public const string FindingNotFound = nameof(FindingNotFound);
}
