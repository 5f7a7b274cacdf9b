using System.CommandLine;
using System.Text.Json.Nodes;
using ActorTrust.Cli.Signing;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;

namespace ActorTrust.Cli.Commands.Domains;

/// <summary>
/// <c>actortrust domain manifest</c>: writes an unsigned Domain Authority Manifest (canonical JSON) from key
/// files. With <c>--previous</c> it builds the next version, chained to the previous envelope's payload digest.
/// </summary>
internal static class DomainManifestCommand
{
    public static Command Create(CliContext context)
    {
        var domainOption = new Option<string>("--domain", "-d") { Description = "The trust domain name", Required = true };
        var versionOption = new Option<long?>("--version") { Description = "Manifest version (default: 1, or the previous version + 1)" };
        var rootOption = new Option<string[]>("--root") { Description = "Root key: key file, public key file or 64 hex characters (repeatable)", Required = true, AllowMultipleArgumentsPerToken = true };
        var thresholdOption = new Option<int>("--threshold") { Description = "Distinct root keys that must sign (default 1)", DefaultValueFactory = _ => 1 };
        var principalOption = new Option<string[]>("--principal") { Description = "KEY=ROLE[,ROLE...]: a principal key (key or public key file) and its roles (repeatable)", AllowMultipleArgumentsPerToken = true };
        var previousOption = new Option<string?>("--previous") { Description = "The signed envelope of the version this one replaces" };
        var expiresOption = new Option<string?>("--expires") { Description = "Expiry instant, e.g. 2027-01-01T00:00:00Z (default: none)" };
        var outOption = new Option<string>("--out", "-o") { Description = "Manifest JSON file to write", Required = true };
        var command = new Command("manifest", "Write an unsigned Domain Authority Manifest built from key files")
        {
            domainOption, versionOption, rootOption, thresholdOption, principalOption, previousOption, expiresOption, outOption,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var domainId = DomainCommand.DomainId("--domain", parse.GetRequiredValue(domainOption));
            var (previousVersion, previousDigest) = parse.GetValue(previousOption) is { } previousPath
                ? await ReadPreviousAsync(previousPath, domainId, cancellationToken)
                : (0L, (Digest?)null);
            var manifest = new DomainAuthorityManifest(
                DomainAuthorityManifest.SchemaV1,
                domainId,
                parse.GetValue(versionOption) ?? previousVersion + 1,
                [.. parse.GetRequiredValue(rootOption).Select(r => TrustedKeys.Load(r).PublicKey.ToString())],
                parse.GetValue(thresholdOption),
                [.. (parse.GetValue(principalOption) ?? []).Select(Principal)],
                previousDigest,
                parse.GetValue(expiresOption) is { } expires ? CliValues.Instant("--expires", expires) : null);

            byte[] payload;
            try
            {
                payload = ManifestDocuments.Canonical(ManifestKind.Domain, ActorTrustJson.ToCanonicalBytes(manifest));
            }
            catch (FormatException ex)
            {
                throw new FormatException($"the manifest would be invalid: {ex.Message}", ex);
            }

            var path = parse.GetRequiredValue(outOption);
            await File.WriteAllBytesAsync(path, payload, cancellationToken);
            var digest = Digest.Sha256(payload).ToString();
            var json = new JsonObject
            {
                ["file"] = path,
                ["domain_id"] = manifest.DomainId,
                ["version"] = manifest.Version,
                ["root_keys"] = manifest.RootKeys.Count,
                ["root_threshold"] = manifest.RootThreshold,
                ["principals"] = manifest.Principals.Count,
                ["previous_manifest_digest"] = manifest.PreviousManifestDigest?.ToString(),
                ["manifest_digest"] = digest,
            };
            await context.WriteAsync(parse, json,
                $"wrote {path}: authority manifest for {manifest.DomainId} version {manifest.Version}",
                $"roots:      {manifest.RootKeys.Count} (threshold {manifest.RootThreshold})",
                $"principals: {manifest.Principals.Count}",
                $"digest:     {digest}");
            return ExitCodes.Ok;
        });
        return command;
    }

    // KEY=ROLE[,ROLE...]; the key is a path (which may itself hold '='), so the roles follow the last '='.
    private static DomainPrincipal Principal(string spec)
    {
        var split = spec.LastIndexOf('=');
        if (split < 1 || split == spec.Length - 1)
        {
            throw new FormatException($"--principal: '{spec}' must be KEY=ROLE[,ROLE...], e.g. publisher.pub=publisher,auditor");
        }

        var key = TrustedKeys.Load(spec[..split]).PublicKey;
        var roles = spec[(split + 1)..].Split(',', StringSplitOptions.TrimEntries).Select(r => CliValues.Role("--principal", r));
        return new DomainPrincipal(key.KeyId, key.ToString(), [.. roles]);
    }

    private static async Task<(long Version, Digest? Digest)> ReadPreviousAsync(string path, string domainId, CancellationToken cancellationToken)
    {
        var previous = await SignedInput.ReadEnvelopeAsync(path, cancellationToken);
        if (!string.Equals(previous.PayloadType, PayloadTypes.AuthorityManifest, StringComparison.Ordinal))
        {
            throw new FormatException($"--previous: '{path}' holds '{previous.PayloadType}', not an authority manifest");
        }

        if (!DomainAuthorityManifest.TryRead(previous.Payload, out var manifest, out var rejection))
        {
            throw new FormatException($"--previous: '{path}': {rejection.Code}: {rejection.Message}");
        }

        return string.Equals(manifest.DomainId, domainId, StringComparison.Ordinal)
            ? (manifest.Version, Digest.Sha256(previous.Payload))
            : throw new ArgumentException($"--previous: '{path}' is for domain '{manifest.DomainId}', not '{domainId}'");
    }
}
