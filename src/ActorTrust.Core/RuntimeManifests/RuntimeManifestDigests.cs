using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.RuntimeManifests;

/// <summary>
/// The two digests of a <see cref="RuntimeManifest"/>, reproducible in any language:
/// <list type="bullet">
/// <item><c>identity_digest = SHA-256("actortrust/runtime-manifest-identity/v1\n" ‖ JCS(normalised manifest without mutable_variables))</c></item>
/// <item><c>manifest_digest = SHA-256("actortrust/runtime-manifest/v1\n" ‖ JCS({"identity_digest": …, "mutable_variables": normalised list}))</c></item>
/// </list>
/// JCS is RFC 8785; member names are snake_case; absent optional members are omitted; lists are always written.
/// </summary>
public static class RuntimeManifestDigests
{
    /// <summary>The hash purpose of the identity digest.</summary>
    public const string IdentityPurpose = "runtime-manifest-identity";

    /// <summary>The hash purpose of the manifest digest.</summary>
    public const string ManifestPurpose = "runtime-manifest";

    /// <summary>How many manifests' digests <see cref="Compute"/> remembers before it starts over.</summary>
    public const int MemoCapacity = 1024;

    private static readonly ConcurrentDictionary<Digest, (Digest Identity, Digest Manifest)> Memo = new();

    /// <summary>
    /// The manifest with every list sorted and exact repeats removed: environment refs lexically (ordinal),
    /// devices by (kind, model, driver, count), artifacts by (reference, digest, kind), static config by
    /// (key, value digest) and mutable variables by (key, value). Conflicting entries for one key are kept
    /// (and refused by <see cref="RuntimeManifest.Validate"/>); digests do not validate.
    /// </summary>
    public static RuntimeManifest Normalize(RuntimeManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest with
        {
            SelectedDevices = [.. manifest.SelectedDevices.Distinct()
                .OrderBy(d => d.Kind, StringComparer.Ordinal).ThenBy(d => d.Model, StringComparer.Ordinal)
                .ThenBy(d => d.Driver ?? string.Empty, StringComparer.Ordinal).ThenBy(d => d.Count)],
            EnvironmentRefs = [.. manifest.EnvironmentRefs.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            ArtifactBindings = [.. manifest.ArtifactBindings.Distinct()
                .OrderBy(a => a.Reference, StringComparer.Ordinal).ThenBy(a => a.Digest).ThenBy(a => a.Kind, StringComparer.Ordinal)],
            StaticConfigBindings = [.. manifest.StaticConfigBindings.Distinct()
                .OrderBy(s => s.Key, StringComparer.Ordinal).ThenBy(s => s.ValueDigest)],
            MutableVariables = [.. manifest.MutableVariables.Distinct()
                .OrderBy(v => v.Key, StringComparer.Ordinal).ThenBy(v => v.Value, StringComparer.Ordinal)],
        };
    }

    /// <summary>The canonical identity pre-image body (without the purpose tag): JCS of the normalised manifest minus its mutable variables.</summary>
    public static byte[] IdentityPreImage(RuntimeManifest manifest)
    {
        var node = ToNode(Normalize(manifest));
        node.Remove("mutable_variables");
        return CanonicalJson.Serialize(node);
    }

    /// <summary>The identity digest: changes with any identity input, never with mutable variables alone.</summary>
    public static Digest Identity(RuntimeManifest manifest) => DomainHash.Compute(IdentityPurpose, IdentityPreImage(manifest));

    /// <summary>The manifest digest (see <see cref="Compute"/>).</summary>
    public static Digest Manifest(RuntimeManifest manifest) => Compute(manifest).Manifest;

    /// <summary>
    /// Both digests from one normalisation and one serialisation: the identity digest over everything but the
    /// mutable variables, and the manifest digest over <c>{identity_digest, mutable_variables}</c>.
    /// </summary>
    /// <remarks>
    /// Results are remembered (up to <see cref="MemoCapacity"/> manifests) under the SHA-256 of the manifest's
    /// plain serializer bytes, which differ whenever the manifest's value differs: peers present the same runtime
    /// session after session, and the digests are a pure function of that value.
    /// </remarks>
    public static (Digest Identity, Digest Manifest) Compute(RuntimeManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var key = Digest.Sha256(JsonSerializer.SerializeToUtf8Bytes(manifest, ActorTrustJson.Options));
        if (Memo.TryGetValue(key, out var known))
        {
            return known;
        }

        var computed = ComputeUncached(manifest);
        if (Memo.Count >= MemoCapacity)
        {
            Memo.Clear();
        }

        Memo[key] = computed;
        return computed;
    }

    internal static (Digest Identity, Digest Manifest) ComputeUncached(RuntimeManifest manifest)
    {
        var node = ToNode(Normalize(manifest));
        var mutable = node["mutable_variables"];
        node.Remove("mutable_variables");
        var identity = DomainHash.Compute(IdentityPurpose, CanonicalJson.Serialize(node));
        var body = new JsonObject
        {
            ["identity_digest"] = identity.ToString(),
            ["mutable_variables"] = mutable,
        };
        return (identity, DomainHash.Compute(ManifestPurpose, CanonicalJson.Serialize(body)));
    }

    private static JsonObject ToNode(RuntimeManifest manifest) =>
        JsonSerializer.SerializeToNode(manifest, ActorTrustJson.Options)!.AsObject();
}
