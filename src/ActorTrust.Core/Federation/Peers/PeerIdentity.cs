using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Federation.Peers;

/// <summary>Who a proposed peer is: its operator, where it is reached, and the key that authenticates it.</summary>
/// <param name="OperatorId">The peer operator's identifier.</param>
/// <param name="Endpoint">The peer's federation endpoint, an absolute http or https URI.</param>
/// <param name="PublicKey">The peer's Ed25519 public key, 64 lowercase hex characters.</param>
/// <param name="KeyId">The key id, <c>sha256:</c> of the raw public key: what peer commands must be authenticated by.</param>
public sealed record PeerIdentity(string OperatorId, string Endpoint, string PublicKey, Digest KeyId);

/// <summary>
/// Identity disclosure (commitment 1), sent at enrolment and in every heartbeat. A peer that cannot supply the first
/// four may be proposed but never enrolled. <paramref name="DataResidency"/> is commitment 8's residency
/// declaration; its absence is a (soft) <c>residency_missing</c> finding.
/// </summary>
/// <param name="OperatorContact">An e-mail address or signed PGP-attested identifier.</param>
/// <param name="Jurisdiction">The declared geographic location or jurisdiction.</param>
/// <param name="PlatformVersion">The peer platform's semantic version.</param>
/// <param name="LastKnownGoodReleaseTag">The last known-good release tag.</param>
/// <param name="DataResidency">Where the peer keeps data (region or jurisdiction).</param>
public sealed record IdentityDisclosure(
    string? OperatorContact = null,
    string? Jurisdiction = null,
    string? PlatformVersion = null,
    string? LastKnownGoodReleaseTag = null,
    string? DataResidency = null)
{
    /// <summary>The disclosure fields required for enrolment that are missing, by wire name (empty when complete).</summary>
    public IReadOnlyList<string> MissingForEnrolment() =>
    [
        .. Missing(OperatorContact, "operator_contact"), .. Missing(Jurisdiction, "jurisdiction"),
        .. Missing(PlatformVersion, "platform_version"), .. Missing(LastKnownGoodReleaseTag, "last_known_good_release_tag"),
    ];

    /// <summary>Returns null when every given field is well-formed text, else the rule one breaks.</summary>
    public string? Validate() =>
        Optional(OperatorContact, "operator_contact") ?? Optional(Jurisdiction, "jurisdiction") ?? Optional(PlatformVersion, "platform_version")
        ?? Optional(LastKnownGoodReleaseTag, "last_known_good_release_tag") ?? Optional(DataResidency, "data_residency");

    private static string[] Missing(string? value, string name) => string.IsNullOrWhiteSpace(value) ? [name] : [];

    private static string? Optional(string? value, string name) => value is null ? null : FederationText.Check(value, name, 256);
}
