using System.CommandLine;

namespace ActorTrust.Cli.Remote;

/// <summary>Which node a command talks to: <c>--node</c>, else <c>$ACTORTRUST_NODE</c>, else the embedded default.</summary>
internal static class NodeEndpoint
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public const string EnvironmentVariable = "ACTORTRUST_NODE";

    /// <summary>A fresh <c>--node</c> option (each command owns its own instance).</summary>
    public static Option<string> CreateOption() => new("--node")
    {
        Description = $"The node's URL (default: ${EnvironmentVariable}, else {DefaultUrl})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } url ? url : DefaultUrl,
    };

    /// <summary>A fresh <c>--command-id</c> option: resending the same id never applies a command twice.</summary>
    public static Option<string?> CreateCommandIdOption() => new("--command-id")
    {
        Description = "Idempotency key: a command resent with the same id is answered, not applied again (default: a new id)",
    };

    /// <summary>The base address for the client: an absolute http(s) URL ending in a slash.</summary>
    public static Uri Parse(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query)
            ? new Uri(uri.AbsoluteUri.EndsWith('/') ? uri.AbsoluteUri : uri.AbsoluteUri + "/")
            : throw new FormatException($"--node: '{text}' is not an http(s) URL");
}
