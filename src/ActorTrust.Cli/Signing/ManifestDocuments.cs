using System.Text;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Json;

namespace ActorTrust.Cli.Signing;

/// <summary>
/// Reads unsigned manifest documents strictly, checks what can be checked without a node, and produces the
/// exact canonical bytes that get signed. A document that fails is refused before any key is used.
/// </summary>
internal static class ManifestDocuments
{
    public static string PayloadType(ManifestKind kind) => kind switch
    {
        ManifestKind.Domain => PayloadTypes.AuthorityManifest,
        ManifestKind.Agent => PayloadTypes.AgentManifest,
        _ => PayloadTypes.AgentRevocation,
    };

    /// <summary>Reads the document at <paramref name="path"/> and returns its canonical bytes; a bad one throws naming the file.</summary>
    public static async Task<byte[]> ReadAsync(ManifestKind kind, string path, CancellationToken cancellationToken)
    {
        var bytes = await CliFiles.ReadBoundedAsync(path, EnvelopeLimits.Default.MaxPayloadBytes, cancellationToken);
        try
        {
            return Canonical(kind, bytes);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{path}: {ex.Message}", ex);
        }
    }

    /// <summary>The canonical bytes of a document of <paramref name="kind"/>, after every offline check.</summary>
    public static byte[] Canonical(ManifestKind kind, ReadOnlySpan<byte> json) => kind switch
    {
        ManifestKind.Domain => CheckDomain(ActorTrustJson.ToCanonicalBytes(ActorTrustJson.Read<DomainAuthorityManifest>(json))),
        ManifestKind.Agent => ActorTrustJson.ToCanonicalBytes(Check(ActorTrustJson.Read<AgentManifest>(json))),
        _ => ActorTrustJson.ToCanonicalBytes(Check(ActorTrustJson.Read<AgentRevocation>(json))),
    };

    /// <summary>Signs canonical bytes as <paramref name="kind"/> with every key of <paramref name="keys"/>.</summary>
    public static string SignToText(ManifestKind kind, byte[] payload, KeySet keys) =>
        Encoding.UTF8.GetString(EnvelopeJson.Serialize(Envelope.Sign(PayloadType(kind), payload, keys.Signers)));

    private static byte[] CheckDomain(byte[] canonical) =>
        DomainAuthorityManifest.TryRead(canonical, out _, out var rejection)
            ? canonical
            : throw new FormatException($"{rejection.Code}: {rejection.Message}");

    private static AgentManifest Check(AgentManifest manifest)
    {
        var error =
            !string.Equals(manifest.Schema, AgentManifest.SchemaV1, StringComparison.Ordinal) ? $"schema must be '{AgentManifest.SchemaV1}'"
            : !AgentManifest.IsValidManifestId(manifest.ManifestId) ? $"manifest_id must be 1 to {AgentManifest.MaxManifestIdLength} characters of [A-Za-z0-9._:-]"
            : manifest.PreviousManifestId is { } previous && (!AgentManifest.IsValidManifestId(previous) || previous == manifest.ManifestId)
                ? "previous_manifest_id must be a well-formed id other than manifest_id"
            : TrustDomainName.Validate(manifest.Issuer) is { } issuerError ? $"issuer: {issuerError}"
            : !string.Equals(manifest.AgentId.TrustDomain, manifest.Issuer, StringComparison.Ordinal) ? $"agent_id {manifest.AgentId} is not in issuer domain '{manifest.Issuer}'"
            : manifest.AgentId.Path.Length == 0 ? $"agent_id {manifest.AgentId} names a trust domain, not a workload"
            : manifest.ExpiresAt <= manifest.IssuedAt ? "expires_at must be after issued_at"
            : null;
        return error is null ? manifest : throw new FormatException(error);
    }

    private static AgentRevocation Check(AgentRevocation revocation) =>
        !AgentManifest.IsValidManifestId(revocation.ManifestId) ? throw new FormatException("manifest_id is not a well-formed manifest id")
        : string.IsNullOrWhiteSpace(revocation.Reason) || revocation.Reason.Length > AgentRevocation.MaxReasonLength
            ? throw new FormatException($"reason must be 1 to {AgentRevocation.MaxReasonLength} characters and not blank")
        : revocation;
}
