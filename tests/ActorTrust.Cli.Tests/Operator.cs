using ActorTrust.Core.Hashing;

namespace ActorTrust.Cli.Tests;

/// <summary>
/// An operator at the command line: key files in the runner's directory and the usual steps (build and sign
/// a domain's version 1, build an agent manifest), each asserted to succeed so a test reads as its behaviour.
/// </summary>
public sealed class Operator(CliRunner cli)
{
    public const string Domain = "example.org";
    public const string Agent = "spiffe://example.org/agent/a";

    public static readonly string PromptHash = Digest.Sha256("system prompt"u8).ToString();
    public static readonly string PolicyHash = Digest.Sha256("policy bundle"u8).ToString();
    public static readonly string ToolCatalogHash = Digest.Sha256("tool catalog"u8).ToString();

    public string Path(string name) => cli.PathOf(name);

    /// <summary>Runs a command that must succeed; returns its standard output.</summary>
    public async Task<string> Ok(params string[] args)
    {
        var (exit, output, error) = await cli.Run(args);
        exit.ShouldBe(0, $"actortrust {string.Join(' ', args)}\n{output}{error}");
        return output;
    }

    public async Task Keys(params string[] names)
    {
        foreach (var name in names)
        {
            await Ok("keys", "generate", "--out", Path(name));
        }
    }

    /// <summary>Keys root, publisher and auditor; <c>v1.json</c> and <c>v1.dsse</c> (self-signed by root).</summary>
    public async Task DomainV1(string domain = Domain)
    {
        await Keys("root.key", "publisher.key", "auditor.key");
        await Ok("domain", "manifest", "--domain", domain, "--root", Path("root.key"),
            "--principal", Path("publisher.key") + "=publisher", "--principal", Path("auditor.key") + "=auditor",
            "--out", Path("v1.json"));
        await Ok("manifest", "sign", "--kind", "domain", "--in", Path("v1.json"), "--key", Path("root.key"), "--out", Path("v1.dsse"));
    }

    /// <summary>An agent manifest issued by publisher.key into <paramref name="file"/>.</summary>
    public Task AgentManifest(string file = "agent.json", params string[] extra) =>
        Ok(["agent", "manifest", "--agent", Agent, "--issuer-key", Path("publisher.key"),
            "--prompt-hash", PromptHash, "--policy-hash", PolicyHash, "--tool-catalog-hash", ToolCatalogHash,
            "--out", Path(file), .. extra]);
}
