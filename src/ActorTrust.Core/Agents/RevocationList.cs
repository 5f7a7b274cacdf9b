using ActorTrust.Core.Identity;

namespace ActorTrust.Core.Agents;

/// <summary>
/// What a verifier knows to be revoked: manifest ids, and agents revoked as a whole. The <c>agent</c>
/// entity supplies its own (<see cref="AgentState.Revocations"/>); an offline verifier reads one from a file.
/// </summary>
/// <param name="ManifestIds">Revoked manifest ids.</param>
/// <param name="AgentIds">Revoked agents: every manifest for them is revoked.</param>
public sealed record RevocationList(IReadOnlyList<string> ManifestIds, IReadOnlyList<SpiffeId> AgentIds)
{
    /// <summary>Nothing revoked.</summary>
    public static RevocationList None { get; } = new([], []);

    /// <summary>True when <paramref name="manifest"/> or its agent is revoked.</summary>
    public bool Covers(AgentManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return ManifestIds.Contains(manifest.ManifestId, StringComparer.Ordinal) || AgentIds.Contains(manifest.AgentId);
    }
}
