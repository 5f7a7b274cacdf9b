namespace ActorTrust.Core.Federation;

/// <summary>
/// The node's federation settings a decision needs, filled from its configuration into every command that
/// handshakes, raises findings or plans migrations. Windows are in whole seconds.
/// </summary>
/// <param name="OurPlatformVersion">Our platform's semantic version (the N-1 comparison's "ours").</param>
/// <param name="OurJurisdiction">Our declared jurisdiction (a migration from a peer elsewhere is cross-jurisdiction).</param>
/// <param name="HandshakesPerWindow">The most handshakes (enrolment and re-handshakes) a peer may make per window (commitment 6).</param>
/// <param name="HandshakeWindowSeconds">The handshake rate-limit window.</param>
/// <param name="HardFindingsToSuspend">How many hard-norm findings within the finding window suspend the peer.</param>
/// <param name="FindingWindowSeconds">The auto-suspension window.</param>
/// <param name="CompatibilityOverrides">Operator overrides of the N-1 rule, by pair of release lines.</param>
public sealed record FederationPolicy(
    string OurPlatformVersion,
    string OurJurisdiction,
    int HandshakesPerWindow,
    long HandshakeWindowSeconds,
    int HardFindingsToSuspend,
    long FindingWindowSeconds,
    IReadOnlyList<CompatibilityOverride>? CompatibilityOverrides = null)
{
    /// <summary>The most handshakes a window can allow (the peer state keeps this many handshake times).</summary>
    public const int MaxHandshakesPerWindow = 64;

    /// <summary>The longest window accepted (30 days).</summary>
    public const long MaxWindowSeconds = 30L * 24 * 3600;

    /// <summary>The handshake window as a span.</summary>
    public TimeSpan HandshakeWindow => TimeSpan.FromSeconds(HandshakeWindowSeconds);

    /// <summary>The auto-suspension window as a span.</summary>
    public TimeSpan FindingWindow => TimeSpan.FromSeconds(FindingWindowSeconds);

    /// <summary>Returns null when the settings are usable, else the first one that is not (a node configuration fault).</summary>
    public string? Validate() =>
        !PlatformVersion.TryParse(OurPlatformVersion, out _, out var version) ? $"our_platform_version: {version}"
        : FederationText.Check(OurJurisdiction, "our_jurisdiction", 128) is { } jurisdiction ? jurisdiction
        : HandshakesPerWindow is < 1 or > MaxHandshakesPerWindow ? $"handshakes_per_window must be 1 to {MaxHandshakesPerWindow}"
        : HandshakeWindowSeconds is < 1 or > MaxWindowSeconds ? $"handshake_window_seconds must be 1 to {MaxWindowSeconds}"
        : HardFindingsToSuspend < 1 ? "hard_findings_to_suspend must be at least 1"
        : FindingWindowSeconds is < 1 or > MaxWindowSeconds ? $"finding_window_seconds must be 1 to {MaxWindowSeconds}"
        : VersionCompatibility.Validate(CompatibilityOverrides);
}
