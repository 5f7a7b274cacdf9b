using System.Text.Json;

namespace ActorTrust.Client;

public sealed partial class ActorTrustClient
{
    /// <summary>
    /// The cluster as the node sees it: mode (<c>embedded</c> or <c>cluster</c>), members with their status, and every
    /// shard's owner, fencing token and lease expiry (database time).
    /// </summary>
    public Task<JsonElement> GetClusterStatusAsync(CancellationToken cancellationToken = default) =>
        GetAsync<JsonElement>("v1/cluster/status", cancellationToken);
}
