using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Agents;

/// <summary>Signs Agent Manifests and revocations, for operators' tooling (CLI) and tests.</summary>
public static class AgentManifestSigning
{
    /// <summary>Writes <paramref name="manifest"/> as canonical JSON and signs it as an <see cref="PayloadTypes.AgentManifest"/> envelope.</summary>
    public static Envelope Sign(AgentManifest manifest, params IReadOnlyList<IEnvelopeSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return Envelope.Sign(PayloadTypes.AgentManifest, ActorTrustJson.ToCanonicalBytes(manifest), signers);
    }

    /// <summary>Signs <paramref name="manifest"/> and returns the envelope as DSSE JSON text, ready for a command.</summary>
    public static string SignToJson(AgentManifest manifest, params IReadOnlyList<IEnvelopeSigner> signers) =>
        AgentEnvelopes.ToText(Sign(manifest, signers));

    /// <summary>Writes <paramref name="revocation"/> as canonical JSON and signs it as an <see cref="PayloadTypes.AgentRevocation"/> envelope.</summary>
    public static Envelope SignRevocation(AgentRevocation revocation, params IReadOnlyList<IEnvelopeSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        return Envelope.Sign(PayloadTypes.AgentRevocation, ActorTrustJson.ToCanonicalBytes(revocation), signers);
    }

    /// <summary>Signs <paramref name="revocation"/> and returns the envelope as DSSE JSON text, ready for a command.</summary>
    public static string SignRevocationToJson(AgentRevocation revocation, params IReadOnlyList<IEnvelopeSigner> signers) =>
        AgentEnvelopes.ToText(SignRevocation(revocation, signers));
}
