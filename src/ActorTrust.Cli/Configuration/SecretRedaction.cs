namespace ActorTrust.Cli.Configuration;

/// <summary>Decides which configuration values are secrets that must never be printed.</summary>
internal static class SecretRedaction
{
    public const string Redacted = "<redacted>";

    private static readonly string[] SecretWords =
        ["password", "secret", "token", "seed", "private-key", "connection-string", "api-key", "credential"];

    /// <summary>
    /// True when any segment of <paramref name="key"/> names a secret: a secret setting itself, every element of a
    /// secret list (<c>tokens:0</c>) and every member of a secret object (<c>credentials:admin</c>).
    /// </summary>
    public static bool IsSecret(string key) =>
        key.Split(':').Any(segment => SecretWords.Any(word => segment.Contains(word, StringComparison.OrdinalIgnoreCase)));

    public static string? Apply(string key, string? value) => value is not null && IsSecret(key) ? Redacted : value;
}
