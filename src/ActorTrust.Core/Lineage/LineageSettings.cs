namespace ActorTrust.Core.Lineage;

/// <summary>
/// The clocks of a lineage, carried in the commands that start one (the node fills them from its configuration;
/// absent means <see cref="Default"/>). A lease granted or renewed at <c>now</c> is valid until
/// <c>now + LeaseTtlSeconds</c>; the owner may still renew (but not commit) for <see cref="GraceSeconds"/> more;
/// past that the lineage enters RecoveryRequired. A handoff whose package was sent must be confirmed within
/// <see cref="HandoffTimeoutSeconds"/>, or the lineage enters RecoveryRequired and the handoff is never retried.
/// </summary>
/// <param name="LeaseTtlSeconds">Lease validity after a grant, renewal, handoff or recovery; default 60 s (Igor's lease duration).</param>
/// <param name="GraceSeconds">How long after expiry the owner may still renew; default 10 s.</param>
/// <param name="HandoffTimeoutSeconds">How long a sent transfer may stay unconfirmed; default 30 s (the runtime's handoff timeout).</param>
public sealed record LineageSettings(long LeaseTtlSeconds = 60, long GraceSeconds = 10, long HandoffTimeoutSeconds = 30)
{
    /// <summary>The longest any of the three durations may be: one day.</summary>
    public const long MaxSeconds = 86_400;

    /// <summary>The defaults: lease 60 s, grace 10 s, handoff timeout 30 s.</summary>
    public static LineageSettings Default { get; } = new();

    /// <summary>Returns null when every duration is in range (ttl and timeout 1 s to a day, grace 0 to a day), else which is not.</summary>
    public string? Validate() =>
        LeaseTtlSeconds is < 1 or > MaxSeconds ? $"lease_ttl_seconds must be between 1 and {MaxSeconds}, got {LeaseTtlSeconds}"
        : GraceSeconds is < 0 or > MaxSeconds ? $"grace_seconds must be between 0 and {MaxSeconds}, got {GraceSeconds}"
        : HandoffTimeoutSeconds is < 1 or > MaxSeconds ? $"handoff_timeout_seconds must be between 1 and {MaxSeconds}, got {HandoffTimeoutSeconds}"
        : null;

    /// <summary>The lease that starts at <paramref name="now"/>.</summary>
    public Lease LeaseFrom(DateTimeOffset now)
    {
        var expires = now.AddSeconds(LeaseTtlSeconds);
        return new Lease(now, expires, expires.AddSeconds(GraceSeconds));
    }

    /// <summary>The deadline for confirming a transfer sent at <paramref name="now"/>.</summary>
    public DateTimeOffset HandoffDeadlineFrom(DateTimeOffset now) => now.AddSeconds(HandoffTimeoutSeconds);
}

/// <summary>
/// The owner's lease: valid until <paramref name="ExpiresAt"/> (exclusive); renewable, but no longer usable to
/// commit or act, until <paramref name="GraceUntil"/> (exclusive); at or past that the lineage requires recovery.
/// </summary>
/// <param name="StartedAt">When the lease was granted or renewed (the decision time).</param>
/// <param name="ExpiresAt">When it stops being valid.</param>
/// <param name="GraceUntil">When the grace for renewing ends.</param>
public sealed record Lease(DateTimeOffset StartedAt, DateTimeOffset ExpiresAt, DateTimeOffset GraceUntil)
{
    /// <summary>True while the lease is valid at <paramref name="now"/>: the owner may commit and act.</summary>
    public bool IsValidAt(DateTimeOffset now) => now < ExpiresAt;

    /// <summary>True when even the grace has run out at <paramref name="now"/>: safety over liveness, recovery is required.</summary>
    public bool IsPastGraceAt(DateTimeOffset now) => now >= GraceUntil;
}
