using System.CommandLine;
using System.Text.Json.Nodes;
using ActorTrust.Cli.Signing;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Json;

namespace ActorTrust.Cli.Commands.Agents;

/// <summary>
/// <c>actortrust agent manifest</c>: writes an unsigned Agent Manifest (canonical JSON) binding an agent to
/// the hashes of its approved prompt, policy bundle and tool catalog, with a new UUIDv7 manifest id.
/// </summary>
internal static class AgentManifestCommand
{
    private static readonly TimeSpan DefaultValidity = TimeSpan.FromDays(30);

    public static Command Create(CliContext context)
    {
        var agentOption = new Option<string>("--agent", "-a") { Description = "The agent's SPIFFE ID", Required = true };
        var issuerKeyOption = new Option<string>("--issuer-key") { Description = "The publisher key that will sign: key file, public key file or 64 hex characters", Required = true };
        var issuerOption = new Option<string?>("--issuer") { Description = "The issuer trust domain (default: the agent's trust domain)" };
        var promptOption = new Option<string>("--prompt-hash") { Description = "sha256: digest of the approved system prompt", Required = true };
        var policyOption = new Option<string>("--policy-hash") { Description = "sha256: digest of the approved policy bundle", Required = true };
        var toolsOption = new Option<string>("--tool-catalog-hash") { Description = "sha256: digest of the approved tool catalog", Required = true };
        var expiresOption = new Option<string?>("--expires") { Description = "Expiry instant, e.g. 2027-01-01T00:00:00Z" };
        var validForOption = new Option<string?>("--valid-for") { Description = "Validity from now instead of --expires: 30d, 12h, 90m, 45s (default 30d)" };
        var previousOption = new Option<string?>("--previous-manifest-id") { Description = "The manifest this one replaces (for agent rotate)" };
        var outOption = new Option<string>("--out", "-o") { Description = "Manifest JSON file to write", Required = true };
        var command = new Command("manifest", "Write an unsigned Agent Manifest for an agent")
        {
            agentOption, issuerKeyOption, issuerOption, promptOption, policyOption, toolsOption, expiresOption, validForOption, previousOption, outOption,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var agentId = SpiffeId.TryParse(parse.GetRequiredValue(agentOption), out var id, out var idError) ? id : throw new FormatException($"--agent: {idError}");
            var now = context.Time.GetUtcNow();
            var manifest = new AgentManifest(
                AgentManifest.SchemaV1,
                Guid.CreateVersion7(now).ToString(),
                agentId,
                parse.GetValue(issuerOption) ?? agentId.TrustDomain,
                TrustedKeys.Load(parse.GetRequiredValue(issuerKeyOption)).PublicKey.KeyId,
                CliValues.Digest("--prompt-hash", parse.GetRequiredValue(promptOption)),
                CliValues.Digest("--policy-hash", parse.GetRequiredValue(policyOption)),
                CliValues.Digest("--tool-catalog-hash", parse.GetRequiredValue(toolsOption)),
                now,
                Expiry(parse.GetValue(expiresOption), parse.GetValue(validForOption), now),
                parse.GetValue(previousOption));

            byte[] payload;
            try
            {
                payload = ManifestDocuments.Canonical(ManifestKind.Agent, ActorTrustJson.ToCanonicalBytes(manifest));
            }
            catch (FormatException ex)
            {
                throw new FormatException($"the manifest would be invalid: {ex.Message}", ex);
            }

            var path = parse.GetRequiredValue(outOption);
            await File.WriteAllBytesAsync(path, payload, cancellationToken);
            var json = new JsonObject
            {
                ["file"] = path,
                ["manifest_id"] = manifest.ManifestId,
                ["agent_id"] = manifest.AgentId.ToString(),
                ["issuer"] = manifest.Issuer,
                ["issuer_key_id"] = manifest.IssuerKeyId.ToString(),
                ["issued_at"] = manifest.IssuedAt,
                ["expires_at"] = manifest.ExpiresAt,
                ["previous_manifest_id"] = manifest.PreviousManifestId,
                ["manifest_digest"] = Digest.Sha256(payload).ToString(),
            };
            await context.WriteAsync(parse, json,
                $"wrote {path}: agent manifest {manifest.ManifestId} for {manifest.AgentId}",
                $"issuer:  {manifest.Issuer} key {manifest.IssuerKeyId}",
                $"expires: {manifest.ExpiresAt:O}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static DateTimeOffset Expiry(string? expires, string? validFor, DateTimeOffset now) => (expires, validFor) switch
    {
        (not null, not null) => throw new ArgumentException("give --expires or --valid-for, not both"),
        (not null, null) => CliValues.Instant("--expires", expires),
        (null, not null) => now + CliValues.Duration("--valid-for", validFor),
        _ => now + DefaultValidity,
    };
}
