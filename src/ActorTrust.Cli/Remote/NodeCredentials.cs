using System.CommandLine;
using ActorTrust.Client;

namespace ActorTrust.Cli.Remote;

/// <summary>
/// The global credential options every remote command uses: <c>--token</c> (else <c>$ACTORTRUST_TOKEN</c>), and
/// <c>--cert</c>/<c>--key</c>/<c>--ca</c> (else <c>$ACTORTRUST_CERT</c>, <c>$ACTORTRUST_KEY</c>, <c>$ACTORTRUST_CA</c>).
/// </summary>
internal static class NodeCredentials
{
    public static Option<string?> TokenOption { get; } = Create("--token", "ACTORTRUST_TOKEN", "Bearer token for a secure node");

    public static Option<string?> CertOption { get; } = Create("--cert", "ACTORTRUST_CERT", "Client certificate (PEM) from the cluster CA");

    public static Option<string?> KeyOption { get; } = Create("--key", "ACTORTRUST_KEY", "Private key (PEM) of --cert");

    public static Option<string?> CaOption { get; } = Create("--ca", "ACTORTRUST_CA", "Cluster CA certificate (PEM) the node's certificate must chain to");

    public static IEnumerable<Option> All => [TokenOption, CertOption, KeyOption, CaOption];

    /// <summary>The credentials the command line and environment give.</summary>
    public static ActorTrustCredentials From(ParseResult parse) => ActorTrustCredentials.FromFiles(
        parse.GetValue(TokenOption), parse.GetValue(CertOption), parse.GetValue(KeyOption), parse.GetValue(CaOption));

    private static Option<string?> Create(string name, string variable, string description) => new(name)
    {
        Description = $"{description} (default: ${variable})",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null,
    };
}
