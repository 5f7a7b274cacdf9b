namespace ActorTrust.Cli.Configuration;

/// <summary>Decides which configuration values are secrets that must never be printed.</summary>
internal static class SecretRedaction
{
    public const string Redacted = "<redacted>";

    private static readonly string[] SecretWords =
        ["password", "secret", "token", "seed", "private-key", "connection-string", "api-key", "credential"];

    /// <summary>True when the last segment of <paramref name="key"/> names a secret.</summary>
    public static bool IsSecret(string key)
    {
        var last = key[(key.LastIndexOf(':') + 1)..];
        return SecretWords.Any(word => last.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    public static string? Apply(string key, string? value) => value is not null && IsSecret(key) ? Redacted : value;
}
