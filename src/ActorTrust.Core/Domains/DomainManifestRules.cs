using ActorTrust.Core.Identity;
using ActorTrust.Core.Keys;

namespace ActorTrust.Core.Domains;

/// <summary>The structural rules every Domain Authority Manifest must pass, whatever its version.</summary>
internal static class DomainManifestRules
{
    /// <summary>Returns null when <paramref name="manifest"/> is valid, else the first rule it breaks.</summary>
    internal static string? Validate(DomainAuthorityManifest manifest)
    {
        var domainError = TrustDomainName.Validate(manifest.DomainId);
        if (domainError is not null)
        {
            return $"domain_id: {domainError}";
        }

        if (manifest.Version < 1)
        {
            return $"version must be at least 1, got {manifest.Version}";
        }

        if ((manifest.Version == 1) != (manifest.PreviousManifestDigest is null))
        {
            return manifest.Version == 1
                ? "version 1 must not name a previous_manifest_digest"
                : $"version {manifest.Version} must name the previous_manifest_digest it replaces";
        }

        return ValidateRoots(manifest) ?? ValidatePrincipals(manifest);
    }

    private static string? ValidateRoots(DomainAuthorityManifest manifest)
    {
        if (manifest.RootKeys.Count is 0 or > DomainAuthorityManifest.MaxRootKeys)
        {
            return $"root_keys must list 1 to {DomainAuthorityManifest.MaxRootKeys} keys, got {manifest.RootKeys.Count}";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < manifest.RootKeys.Count; i++)
        {
            if (!PublicKeyHex.TryParseForRegistration(manifest.RootKeys[i], $"root_keys[{i}]", out _, out var error))
            {
                return error;
            }

            if (!seen.Add(manifest.RootKeys[i]))
            {
                return $"root_keys[{i}] repeats an earlier root key";
            }
        }

        return manifest.RootThreshold < 1 || manifest.RootThreshold > manifest.RootKeys.Count
            ? $"root_threshold must be between 1 and {manifest.RootKeys.Count}, got {manifest.RootThreshold}"
            : null;
    }

    private static string? ValidatePrincipals(DomainAuthorityManifest manifest)
    {
        if (manifest.Principals.Count > DomainAuthorityManifest.MaxPrincipals)
        {
            return $"principals may list at most {DomainAuthorityManifest.MaxPrincipals} keys, got {manifest.Principals.Count}";
        }

        var roots = manifest.RootKeys.ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < manifest.Principals.Count; i++)
        {
            var error = ValidatePrincipal(manifest.Principals[i], $"principals[{i}]");
            if (error is not null)
            {
                return error;
            }

            var principal = manifest.Principals[i];
            if (!seen.Add(principal.PublicKey))
            {
                return $"principals[{i}] repeats an earlier principal key";
            }

            if (roots.Contains(principal.PublicKey))
            {
                return $"principals[{i}] is also a root key; root keys sign manifests only and hold no roles";
            }
        }

        return null;
    }

    private static string? ValidatePrincipal(DomainPrincipal principal, string where)
    {
        if (!PublicKeyHex.TryParseForRegistration(principal.PublicKey, $"{where}.public_key", out var key, out var error))
        {
            return error;
        }

        if (principal.KeyId != key.KeyId)
        {
            return $"{where}.key_id is {principal.KeyId} but the public key's id is {key.KeyId}";
        }

        if (principal.Roles.Count == 0)
        {
            return $"{where}.roles is empty; a principal holds at least one role";
        }

        foreach (var role in principal.Roles)
        {
            if (!Enum.IsDefined(role))
            {
                return $"{where}.roles holds an unknown role";
            }
        }

        return principal.Roles.Distinct().Count() == principal.Roles.Count ? null : $"{where}.roles repeats a role";
    }
}
