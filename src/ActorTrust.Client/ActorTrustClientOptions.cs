namespace ActorTrust.Client;

/// <summary>How an <see cref="ActorTrustClient"/> retries.</summary>
public sealed record ActorTrustClientOptions
{
    /// <summary>Attempts per command (the first plus retries). Retries reuse the command id, so they never apply twice.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Delay before the first retry; doubled for each further retry.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest delay between retries.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);
}
