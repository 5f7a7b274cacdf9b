using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;
using ActorTrust.Core.Keys;

namespace ActorTrust.Core.Domains;

/// <summary>
/// Domain Authority Manifest v1: who speaks for a trust domain. Root keys (offline, used only to sign the
/// next manifest) with a threshold, and principals (operational keys) with roles. Signed as a DSSE
/// envelope of type <see cref="Envelopes.PayloadTypes.AuthorityManifest"/> over its canonical (RFC 8785)
/// bytes; versions replace each other by TUF-style rotation (see <see cref="DomainDecider"/>).
/// </summary>
/// <param name="Schema">Always <see cref="SchemaV1"/>.</param>
/// <param name="DomainId">The trust domain name this manifest speaks for.</param>
/// <param name="Version">The manifest version, 1 for the first, then exactly one more per rotation.</param>
/// <param name="RootKeys">Root public keys as 64 lowercase hex characters, distinct, 1 to <see cref="MaxRootKeys"/>.</param>
/// <param name="RootThreshold">How many distinct root keys must sign; 1 to the number of root keys.</param>
/// <param name="Principals">The operational keys and their roles; a root key may not also be a principal.</param>
/// <param name="PreviousManifestDigest">The digest of version − 1's payload; absent exactly when <paramref name="Version"/> is 1.</param>
/// <param name="ExpiresAt">When this version stops being valid, or null for no expiry.</param>
public sealed record DomainAuthorityManifest(
    string Schema,
    string DomainId,
    long Version,
    IReadOnlyList<string> RootKeys,
    int RootThreshold,
    IReadOnlyList<DomainPrincipal> Principals,
    Digest? PreviousManifestDigest = null,
    DateTimeOffset? ExpiresAt = null)
{
    /// <summary>The schema identifier of this format.</summary>
    public const string SchemaV1 = "actortrust.authority-manifest/v1";

    /// <summary>The most root keys a manifest may list.</summary>
    public const int MaxRootKeys = 16;

    /// <summary>The most principals a manifest may list.</summary>
    public const int MaxPrincipals = 1024;

    /// <summary>The root keys as public keys. Only meaningful on a manifest that passed validation.</summary>
    /// <exception cref="FormatException">A root key is not valid hex (the manifest was never validated).</exception>
    public IReadOnlyList<Ed25519PublicKey> RootPublicKeys() =>
        [.. RootKeys.Select(hex => PublicKeyHex.TryParseForRegistration(hex, "root key", out var key, out var error)
            ? key
            : throw new FormatException(error))];

    /// <summary>True when the manifest has expired at <paramref name="now"/> (expiry is exclusive).</summary>
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expires && now >= expires;

    /// <summary>
    /// Reads a manifest from exactly the bytes of an envelope payload: it must be canonical JSON, name
    /// <see cref="SchemaV1"/>, bind strictly (unknown members refused) and pass every validation rule.
    /// </summary>
    /// <param name="payload">The payload bytes (verified, where a trusted key set is known).</param>
    /// <param name="manifest">The manifest, when it was read.</param>
    /// <param name="rejection">Why it was refused (<see cref="DomainRejectionCodes.UnsupportedSchema"/> or <see cref="DomainRejectionCodes.ManifestInvalid"/>).</param>
    public static bool TryRead(
        ReadOnlySpan<byte> payload,
        [NotNullWhen(true)] out DomainAuthorityManifest? manifest,
        [NotNullWhen(false)] out Rejection? rejection)
    {
        manifest = null;
        rejection = Read(payload, out var read);
        if (rejection is null)
        {
            manifest = read;
        }

        return manifest is not null;
    }

    private static Rejection? Read(ReadOnlySpan<byte> payload, out DomainAuthorityManifest? manifest)
    {
        manifest = null;
        if (!CanonicalJson.IsCanonical(payload))
        {
            return Invalid("the manifest payload is not canonical JSON (RFC 8785)");
        }

        if (CanonicalJson.Parse(payload) is not JsonObject obj)
        {
            return Invalid("the manifest payload is not a JSON object");
        }

        if (obj["schema"] is not JsonValue schema || !schema.TryGetValue<string>(out var name))
        {
            return Invalid("the manifest has no 'schema' string");
        }

        if (!string.Equals(name, SchemaV1, StringComparison.Ordinal))
        {
            return new Rejection(DomainRejectionCodes.UnsupportedSchema, $"schema '{name}' is not supported; expected '{SchemaV1}'");
        }

        try
        {
            manifest = ActorTrustJson.Read<DomainAuthorityManifest>(payload);
        }
        catch (FormatException ex)
        {
            return Invalid(ex.Message);
        }

        var error = DomainManifestRules.Validate(manifest);
        return error is null ? null : Invalid(error);
    }

    private static Rejection Invalid(string message) => new(DomainRejectionCodes.ManifestInvalid, message);
}
