namespace ActorTrust.Core.Envelopes;

/// <summary>
/// The DSSE payload type of every object kind ActorTrust signs. One type per kind, so a signature over
/// one kind can never be presented as another.
/// </summary>
public static class PayloadTypes
{
    private const string Prefix = "application/vnd.actortrust.";

    /// <summary>A signed Agent Manifest.</summary>
    public const string AgentManifest = Prefix + "agent-manifest+json";

    /// <summary>A session-claims bundle signed by the peer key.</summary>
    public const string SessionClaims = Prefix + "session-claims+json";

    /// <summary>A Trust Record emitted when a session closes.</summary>
    public const string TrustRecord = Prefix + "trust-record+json";

    /// <summary>A Domain Authority Manifest.</summary>
    public const string AuthorityManifest = Prefix + "authority-manifest+json";

    /// <summary>A certified execution receipt.</summary>
    public const string ExecutionReceipt = Prefix + "execution-receipt+json";

    /// <summary>A checkpoint in an agent's lineage.</summary>
    public const string Checkpoint = Prefix + "checkpoint+json";

    /// <summary>A signed journal checkpoint (audit anchoring).</summary>
    public const string JournalCheckpoint = Prefix + "journal-checkpoint+json";

    /// <summary>A signed agent-manifest revocation.</summary>
    public const string AgentRevocation = Prefix + "agent-revocation+json";

    /// <summary>A publication certification: a statement signed by a key holding <c>publisher</c>.</summary>
    public const string PublicationCertification = Prefix + "publication-certification+json";

    /// <summary>An audit attestation: a statement signed by a key holding <c>auditor</c>.</summary>
    public const string AuditAttestation = Prefix + "audit-attestation+json";

    /// <summary>A request authorization: a command signed by the key it names (federation operators, peers, lineage executors).</summary>
    public const string RequestAuthorization = Prefix + "request-authorization+json";

    /// <summary>Every ActorTrust payload type, keyed by its short name (<c>agent-manifest</c>, …).</summary>
    public static IReadOnlyDictionary<string, string> ByShortName { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["agent-manifest"] = AgentManifest,
        ["session-claims"] = SessionClaims,
        ["trust-record"] = TrustRecord,
        ["authority-manifest"] = AuthorityManifest,
        ["execution-receipt"] = ExecutionReceipt,
        ["checkpoint"] = Checkpoint,
        ["journal-checkpoint"] = JournalCheckpoint,
        ["agent-revocation"] = AgentRevocation,
        ["publication-certification"] = PublicationCertification,
        ["audit-attestation"] = AuditAttestation,
        ["request-authorization"] = RequestAuthorization,
    };

    /// <summary>
    /// Resolves a short name (<c>agent-manifest</c>) or a full ActorTrust media type to the full media type.
    /// </summary>
    /// <exception cref="FormatException">The name is neither.</exception>
    public static string Resolve(string nameOrType)
    {
        ArgumentNullException.ThrowIfNull(nameOrType);
        if (ByShortName.TryGetValue(nameOrType, out var type))
        {
            return type;
        }

        if (ByShortName.Values.Contains(nameOrType, StringComparer.Ordinal))
        {
            return nameOrType;
        }

        throw new FormatException(
            $"unknown payload type '{nameOrType}'; expected one of {string.Join(", ", ByShortName.Keys)}");
    }
}
