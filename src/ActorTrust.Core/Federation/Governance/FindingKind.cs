namespace ActorTrust.Core.Federation.Governance;

/// <summary>What a governance finding is about. Written in snake_case (<c>capability_drift</c>, …).</summary>
public enum FindingKind
{
    /// <summary>Advertised resource kinds or filter predicates differ from the declaration (commitment 3, hard).</summary>
    CapabilityDrift = 1,

    /// <summary>No heartbeat for the staleness period (commitment 1, soft).</summary>
    HeartbeatStale = 2,

    /// <summary>The advertised contract version is not the one agreed (commitment 12, hard).</summary>
    ContractVersionMismatch = 3,

    /// <summary>Advertised schema or platform versions differ from the handshake (commitment 10, hard).</summary>
    SchemaDrift = 4,

    /// <summary>No data residency declared (commitment 8, soft).</summary>
    ResidencyMissing = 5,

    /// <summary>Re-handshakes over the rate limit (commitment 6, hard).</summary>
    HandshakeFlooding = 6,

    /// <summary>A migration broke data hygiene: ids not UUIDv7 or repeated, kinds outside the grant (commitment 7, hard).</summary>
    MigrationHygiene = 7,

    /// <summary>Transferred migration content did not match its manifest: a corrupted sync stream (commitment 6, hard).</summary>
    SyncStreamCorrupted = 8,
}

/// <summary>How serious a finding is. Written in snake_case.</summary>
public enum FindingSeverity
{
    /// <summary>Informational; for the operator's dashboard.</summary>
    Low = 1,

    /// <summary>Needs attention.</summary>
    Medium = 2,

    /// <summary>Needs prompt attention.</summary>
    High = 3,

    /// <summary>Needs immediate attention.</summary>
    Critical = 4,
}

/// <summary>The contract's enforcement class of the norm a finding concerns. Written in snake_case.</summary>
public enum NormClass
{
    /// <summary>Verified by operator review (#1, #4, #5, #8).</summary>
    Soft = 1,

    /// <summary>Verified programmatically; counts toward auto-suspension (#3, #6, #7, #10, #12).</summary>
    Hard = 2,
}

/// <summary>The fixed classification of a finding kind.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Severity">Its severity.</param>
/// <param name="Norm">Soft or hard.</param>
/// <param name="Commitment">The social contract commitment it concerns (1–12).</param>
/// <param name="IsCondition">True for a standing condition (raised once while it holds, cleared when it stops); false for an incident (raised each time).</param>
public sealed record FindingRule(FindingKind Kind, FindingSeverity Severity, NormClass Norm, int Commitment, bool IsCondition);

/// <summary>The classification of every finding kind.</summary>
public static class FindingRules
{
    private static readonly Dictionary<FindingKind, FindingRule> Rules = new[]
    {
        new FindingRule(FindingKind.CapabilityDrift, FindingSeverity.Medium, NormClass.Hard, 3, true),
        new FindingRule(FindingKind.HeartbeatStale, FindingSeverity.Medium, NormClass.Soft, 1, true),
        new FindingRule(FindingKind.ContractVersionMismatch, FindingSeverity.High, NormClass.Hard, 12, true),
        new FindingRule(FindingKind.SchemaDrift, FindingSeverity.Medium, NormClass.Hard, 10, true),
        new FindingRule(FindingKind.ResidencyMissing, FindingSeverity.Low, NormClass.Soft, 8, true),
        new FindingRule(FindingKind.HandshakeFlooding, FindingSeverity.High, NormClass.Hard, 6, false),
        new FindingRule(FindingKind.MigrationHygiene, FindingSeverity.Medium, NormClass.Hard, 7, false),
        new FindingRule(FindingKind.SyncStreamCorrupted, FindingSeverity.High, NormClass.Hard, 6, false),
    }.ToDictionary(r => r.Kind);

    /// <summary>The rule of <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The kind is not defined.</exception>
    public static FindingRule Of(FindingKind kind) =>
        Rules.TryGetValue(kind, out var rule) ? rule : throw new ArgumentOutOfRangeException(nameof(kind), kind, "undefined finding kind");
}
