using System.Text;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Sessions;

/// <summary>Signs session claims with the peer's authentication key, for peers' tooling and tests.</summary>
public static class SessionClaimsSigning
{
    /// <summary>Writes <paramref name="claims"/> as canonical JSON and signs it as a <see cref="PayloadTypes.SessionClaims"/> envelope.</summary>
    public static Envelope Sign(SessionClaims claims, IEnvelopeSigner peerKey)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return Envelope.Sign(PayloadTypes.SessionClaims, ActorTrustJson.ToCanonicalBytes(claims), peerKey);
    }

    /// <summary>Signs <paramref name="claims"/> and returns the envelope as DSSE JSON text, as <see cref="OpenSession"/> carries it.</summary>
    public static string SignToJson(SessionClaims claims, IEnvelopeSigner peerKey) =>
        Encoding.UTF8.GetString(EnvelopeJson.Serialize(Sign(claims, peerKey)));
}
