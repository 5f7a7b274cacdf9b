using ActorTrust.Core.Identity;

namespace ActorTrust.Core.Agents;

/// <summary>
/// A signed revocation of an agent (payload type <see cref="Envelopes.PayloadTypes.AgentRevocation"/>,
/// canonical JSON, unknown members refused). It must be signed by a principal of the issuer domain other
/// than the key that issued the manifest, holding <c>publisher</c> or <c>auditor</c>.
/// </summary>
/// <param name="AgentId">The agent being revoked.</param>
/// <param name="ManifestId">The agent's current manifest id, which the revoker must name.</param>
/// <param name="Reason">Why, for people: 1 to <see cref="MaxReasonLength"/> characters.</param>
/// <param name="RevokedAt">When the revoker signed it; not accepted beyond a small clock skew in the future.</param>
public sealed record AgentRevocation(SpiffeId AgentId, string ManifestId, string Reason, DateTimeOffset RevokedAt)
{
    /// <summary>The longest reason accepted.</summary>
    public const int MaxReasonLength = 1024;
}
