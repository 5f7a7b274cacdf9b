using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;

namespace ActorTrust.Core.Receipts;

/// <summary>
/// What a certification says, and so which role must sign it and under which DSSE payload type (one per kind, so a
/// statement of one kind can never be presented as another). Written as snake_case strings.
/// </summary>
public enum StatementKind
{
    /// <summary>A publication: the domain publishes the subject as its visible state. Needs <see cref="DomainRole.Publisher"/>.</summary>
    Publication = 1,

    /// <summary>An audit attestation: the subject was verified. Needs <see cref="DomainRole.Auditor"/>.</summary>
    AuditAttestation = 2,
}

/// <summary>
/// Certification Statement v1 (source 003: "you certify statements"): a signed claim about a subject, pinned to a
/// domain journal position whose authority manifest says whether the signer held the role the kind requires.
/// Certifications record authority, they do not create it. Stored content-addressed (<c>sha256:</c> of the
/// payload bytes) and linked from the domain journal.
/// </summary>
/// <param name="Schema">Always <see cref="SchemaV1"/>.</param>
/// <param name="Kind">The statement kind; must match the envelope's payload type.</param>
/// <param name="DomainId">The trust domain the statement is made in.</param>
/// <param name="JournalPosition">The domain journal position it is pinned to, from 1.</param>
/// <param name="Subject">What is certified.</param>
/// <param name="Claim">The claim, for people and policies, 1 to <see cref="MaxClaimLength"/> characters.</param>
public sealed record CertificationStatement(string Schema, StatementKind Kind, string DomainId, long JournalPosition, CertifiedSubject Subject, string Claim)
{
    /// <summary>The schema identifier of this format.</summary>
    public const string SchemaV1 = "actortrust.certification/v1";

    /// <summary>The longest claim accepted.</summary>
    public const int MaxClaimLength = 4096;

    /// <summary>The role a key must hold to make a statement of <paramref name="kind"/>.</summary>
    public static DomainRole RequiredRole(StatementKind kind) => kind switch
    {
        StatementKind.Publication => DomainRole.Publisher,
        StatementKind.AuditAttestation => DomainRole.Auditor,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown statement kind"),
    };

    /// <summary>The DSSE payload type of a statement of <paramref name="kind"/>.</summary>
    public static string PayloadTypeOf(StatementKind kind) => kind switch
    {
        StatementKind.Publication => PayloadTypes.PublicationCertification,
        StatementKind.AuditAttestation => PayloadTypes.AuditAttestation,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown statement kind"),
    };

    /// <summary>Every certification payload type.</summary>
    public static IReadOnlyList<string> PayloadTypesOfAllKinds { get; } = [PayloadTypes.PublicationCertification, PayloadTypes.AuditAttestation];

    /// <summary>A statement's digest: <c>sha256:</c> of its exact payload bytes.</summary>
    public static Digest DigestOf(ReadOnlySpan<byte> payload) => Digest.Sha256(payload);

    /// <summary>Returns null when the statement is well-formed, else the rule it breaks.</summary>
    public string? Validate() =>
        !Enum.IsDefined(Kind) ? "kind is not a known statement kind"
        : TrustDomainName.Validate(DomainId) is { } domain ? $"domain_id: {domain}"
        : JournalPosition < 1 ? $"journal_position must be at least 1, got {JournalPosition}"
        : Subject?.Validate() is { } subject ? $"subject: {subject}"
        : string.IsNullOrEmpty(Claim) || Claim.Length > MaxClaimLength ? $"claim must be 1 to {MaxClaimLength} characters"
        : null;
}

/// <summary>The subject of a certification: what kind of thing, and its digest.</summary>
/// <param name="Type">The subject type, lowercase <c>[a-z0-9-]</c>, 1 to 64 characters (e.g. <c>execution-receipt</c>, <c>artifact</c>, <c>snapshot</c>, <c>checkpoint</c>).</param>
/// <param name="Digest">The subject's digest (for a receipt, its content address).</param>
public sealed record CertifiedSubject(string Type, Digest Digest)
{
    /// <summary>Returns null when the subject is well-formed, else why not.</summary>
    public string? Validate() =>
        string.IsNullOrEmpty(Type) || Type.Length > 64 || !Type.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            ? "type must be 1 to 64 characters of [a-z0-9-]"
            : null;
}
