using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Envelopes;

namespace ActorTrust.Cli.Commands.Manifests;

/// <summary>
/// <c>actortrust manifest verify</c>: verifies a signed Agent Manifest offline against the issuer domain's
/// signed authority manifest(s). Exit 0 only for VALID; every other verdict, UNVERIFIABLE included, exits 3.
/// </summary>
internal static class ManifestVerifyCommand
{
    public static Command Create(CliContext context)
    {
        var inOption = new Option<string>("--in", "-i") { Description = "The signed Agent Manifest envelope", Required = true };
        var authorityOption = new Option<string[]>("--authority")
        {
            Description = "The issuer domain's signed authority manifest; repeat oldest first to verify a rotation chain",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var atOption = new Option<string?>("--at") { Description = "Evaluate at this instant instead of now, e.g. 2027-01-01T00:00:00Z" };
        var promptOption = new Option<string?>("--prompt-hash") { Description = "The prompt hash the manifest must bind" };
        var policyOption = new Option<string?>("--policy-hash") { Description = "The policy bundle hash the manifest must bind" };
        var toolsOption = new Option<string?>("--tool-catalog-hash") { Description = "The tool catalog hash the manifest must bind" };
        var command = new Command("verify", "Verify a signed Agent Manifest offline (exit 0 only when VALID)")
        {
            inOption, authorityOption, atOption, promptOption, policyOption, toolsOption,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var at = parse.GetValue(atOption) is { } text ? CliValues.Instant("--at", text) : context.Time.GetUtcNow();
            var expected = Expected(parse.GetValue(promptOption), parse.GetValue(policyOption), parse.GetValue(toolsOption));
            var envelope = await CliFiles.ReadBoundedAsync(parse.GetRequiredValue(inOption), EnvelopeLimits.Default.MaxEnvelopeBytes, cancellationToken);
            var (authority, refusal) = await AuthorityChain.ReadAsync(parse.GetRequiredValue(authorityOption), cancellationToken);
            var verdict = refusal is null
                ? AgentManifestVerifier.Verify(envelope, authority, at, expected: expected)
                : new ManifestVerdict(ManifestVerdictStatus.Unverifiable, AgentRejectionCodes.AuthorityInvalid, refusal);

            await context.WriteAsync(parse, Json(verdict, authority, at), Lines(verdict, authority));
            return verdict.IsValid ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }

    /// <summary>The status as the verdict classes are spelled: VALID, MISMATCH, INCOMPATIBLE_VERSION, ...</summary>
    public static string Status(ManifestVerdictStatus status) => JsonNamingPolicy.SnakeCaseUpper.ConvertName(status.ToString());

    private static ExpectedHashes? Expected(string? prompt, string? policy, string? tools) =>
        prompt is null && policy is null && tools is null
            ? null
            : new ExpectedHashes(
                prompt is null ? null : CliValues.Digest("--prompt-hash", prompt),
                policy is null ? null : CliValues.Digest("--policy-hash", policy),
                tools is null ? null : CliValues.Digest("--tool-catalog-hash", tools));

    private static JsonObject Json(ManifestVerdict verdict, IssuerAuthority? authority, DateTimeOffset at) => new()
    {
        ["status"] = Status(verdict.Status),
        ["code"] = verdict.Code,
        ["reason"] = verdict.Reason,
        ["at"] = at,
        ["manifest_digest"] = verdict.ManifestDigest?.ToString(),
        ["manifest_id"] = verdict.Manifest?.ManifestId,
        ["agent_id"] = verdict.Manifest?.AgentId.ToString(),
        ["signer_key_id"] = verdict.SignerKeyId?.ToString(),
        ["authority"] = authority is null ? null : new JsonObject
        {
            ["domain_id"] = authority.DomainId,
            ["version"] = authority.Version,
            ["manifest_digest"] = authority.ManifestDigest.ToString(),
        },
    };

    private static IEnumerable<string> Lines(ManifestVerdict verdict, IssuerAuthority? authority)
    {
        if (!verdict.IsValid)
        {
            yield return $"{Status(verdict.Status)} {verdict.Code}: {verdict.Reason}";
            yield break;
        }

        yield return $"VALID: manifest {verdict.Manifest!.ManifestId} for {verdict.Manifest.AgentId}";
        yield return $"signed by {verdict.SignerKeyId}, a publisher of {authority!.DomainId} version {authority.Version}";
        yield return $"expires {verdict.Manifest.ExpiresAt:O}";
    }
}
