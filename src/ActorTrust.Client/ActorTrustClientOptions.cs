namespace ActorTrust.Client;

/// <summary>How an <see cref="ActorTrustClient"/> retries, and the bearer token it presents.</summary>
public sealed record ActorTrustClientOptions
{
    /// <summary>Attempts per command (the first plus retries). Retries reuse the command id, so they never apply twice.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Delay before the first retry; doubled for each further retry.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest delay between retries.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock signed requests are dated by (<c>issued_at</c> of a request authorization).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// A bearer token for a secure node: set as the <see cref="HttpClient"/>'s default <c>Authorization</c> header when it
    /// has none. For a client certificate, build the <see cref="HttpClient"/> with <see cref="ActorTrustCredentials.CreateHttpClient"/>.
    /// </summary>
    public string? BearerToken { get; init; }

    // The record's ToString must never print the token.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"MaxAttempts = {MaxAttempts}, InitialBackoff = {InitialBackoff}, MaxBackoff = {MaxBackoff}, BearerToken = {(BearerToken is null ? "null" : "<redacted>")}");
        return true;
    }
}
