namespace ActorTrust.Core.Sessions;

/// <summary>
/// Stable reason codes of the <c>session</c> decider. Admission refusals are recorded (<c>session.refused.v1</c>);
/// the command-shape and lifecycle codes at the end are returned without recording anything.
/// </summary>
public static class SessionRejectionCodes
{
    /// <summary>Posture <c>required</c>, and no claims were presented.</summary>
    public const string SessionClaimsMissing = nameof(SessionClaimsMissing);

    /// <summary>Posture <c>required</c>, and the claims were signed by another key or state other transport facts.</summary>
    public const string SessionClaimsDetached = nameof(SessionClaimsDetached);

    /// <summary>Posture <c>required</c>, and the claims were malformed, badly signed, expired, future-dated, for another audience or replayed.</summary>
    public const string SessionClaimsInvalid = nameof(SessionClaimsInvalid);

    /// <summary>The agent entity has no manifest.</summary>
    public const string AgentNotRegistered = nameof(AgentNotRegistered);

    /// <summary>The agent (and so its manifest) is revoked.</summary>
    public const string ManifestRevoked = nameof(ManifestRevoked);

    /// <summary>The manifest's validity has ended.</summary>
    public const string ManifestExpired = nameof(ManifestExpired);

    /// <summary>A <see cref="CloseSessionHere"/> reached the decider without the serving node resolving it into a <see cref="CloseSession"/>.</summary>
    public const string CloseNotResolved = nameof(CloseNotResolved);

    /// <summary>The presented manifest's signature names an issuer-domain key but does not verify: it was altered.</summary>
    public const string ManifestSignatureInvalid = nameof(ManifestSignatureInvalid);

    /// <summary>The presented manifest is unreadable or breaks a rule (the manifest verifier's code is in the reason).</summary>
    public const string ManifestInvalid = nameof(ManifestInvalid);

    /// <summary>The presented manifest verifies but is not the agent's current manifest (rotated away, or another agent's).</summary>
    public const string ManifestNotCurrent = nameof(ManifestNotCurrent);

    /// <summary>No usable authority for the issuer domain: unknown, malformed, expired, or for another domain.</summary>
    public const string IssuerAuthorityUnavailable = nameof(IssuerAuthorityUnavailable);

    /// <summary>The manifest's issuer key does not (any more) hold <c>publisher</c> in the issuer domain.</summary>
    public const string IssuerKeyNotPublisher = nameof(IssuerKeyNotPublisher);

    /// <summary>The subject came from the manifest (<c>manifest-dev</c>) while the node is not in dev mode.</summary>
    public const string SubjectSourceNotAllowed = nameof(SubjectSourceNotAllowed);

    /// <summary>The authenticated subject is not the manifest's <c>agent_id</c>.</summary>
    public const string AgentIdMismatch = nameof(AgentIdMismatch);

    /// <summary>The loaded policy bundle is not the one the manifest approved.</summary>
    public const string PolicyHashDrift = nameof(PolicyHashDrift);

    /// <summary>The loaded tool catalog is not the one the manifest approved.</summary>
    public const string CatalogHashDrift = nameof(CatalogHashDrift);

    /// <summary>An allow-list is in force and the session has no verified runtime identity on it.</summary>
    public const string RuntimeIdentityNotAllowed = nameof(RuntimeIdentityNotAllowed);

    /// <summary>Not recorded: the entity id is not a SPIFFE ID.</summary>
    public const string SessionIdInvalid = nameof(SessionIdInvalid);

    /// <summary>Not recorded: the command is malformed (a node-side fault, e.g. an unusable peer key or undefined posture).</summary>
    public const string CommandInvalid = nameof(CommandInvalid);

    /// <summary>Not recorded: the session was already opened or refused.</summary>
    public const string SessionAlreadyOpened = nameof(SessionAlreadyOpened);

    /// <summary>Not recorded: tool calls and close need an open session.</summary>
    public const string SessionNotOpen = nameof(SessionNotOpen);

    /// <summary>Not recorded: the journal head given to close is not the session stream's current head.</summary>
    public const string JournalHeadStale = nameof(JournalHeadStale);
}
