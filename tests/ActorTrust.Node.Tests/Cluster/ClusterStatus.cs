using System.Text.Json;

namespace ActorTrust.Node.Tests.Cluster;

/// <summary>Readings of a node's <c>/v1/cluster/status</c> document, for awaiting a cluster state.</summary>
internal static class ClusterStatus
{
    /// <summary>How many members are active.</summary>
    public static int ActiveMembers(JsonElement status) =>
        status.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "active");

    /// <summary>How many shards <paramref name="node"/> owns.</summary>
    public static int ShardsOf(JsonElement status, string node) =>
        status.GetProperty("shards").EnumerateArray().Count(s => s.GetProperty("owner").GetString() == node);

    /// <summary>Whether every entity shard (the coordinator's aside) has an owner.</summary>
    public static bool AllShardsOwned(JsonElement status) =>
        status.GetProperty("shards").EnumerateArray()
            .Where(s => s.GetProperty("kind").GetString() != "__coordinator__")
            .All(s => s.GetProperty("owner").ValueKind == JsonValueKind.String);
}
