using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Domains;

/// <summary>Signs Domain Authority Manifests, for operators' tooling (CLI) and tests.</summary>
public static class DomainManifestSigning
{
    /// <summary>
    /// Writes <paramref name="manifest"/> as canonical JSON and signs it as an
    /// <see cref="PayloadTypes.AuthorityManifest"/> envelope with every signer given (root keys: the new
    /// version's own and, for a rotation, the previous version's).
    /// </summary>
    public static Envelope Sign(DomainAuthorityManifest manifest, params IReadOnlyList<IEnvelopeSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return Envelope.Sign(PayloadTypes.AuthorityManifest, ActorTrustJson.ToCanonicalBytes(manifest), signers);
    }

    /// <summary>Signs <paramref name="manifest"/> and returns the envelope as DSSE JSON text, ready for a command.</summary>
    public static string SignToJson(DomainAuthorityManifest manifest, params IReadOnlyList<IEnvelopeSigner> signers) =>
        DomainEnvelopes.ToText(Sign(manifest, signers));
}
