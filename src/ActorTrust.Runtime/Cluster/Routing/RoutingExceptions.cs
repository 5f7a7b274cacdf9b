namespace ActorTrust.Runtime.Cluster.Routing;

/// <summary>
/// A command could not reach a node that would run it before its deadline. It may still have run (an answer can be
/// lost); retrying with the same command id is safe, since the entity de-duplicates by it.
/// </summary>
public sealed class ClusterRoutingTimeoutException(string kind, string entityId, int shard, int attempts, string lastProblem)
    : TimeoutException($"{kind}|{entityId} (shard {shard}) was not delivered before its deadline after {attempts} attempt(s); last problem: {lastProblem}")
{
    /// <summary>Attempts made.</summary>
    public int Attempts { get; } = attempts;

    /// <summary>Why the last attempt failed.</summary>
    public string LastProblem { get; } = lastProblem;
}

/// <summary>The owning node received the command but could not run it (bad payload, entity failure); not retried.</summary>
public sealed class ClusterDeliveryException(string node, string reason)
    : Exception($"{node} could not run the command: {reason}")
{
    /// <summary>Why, as the owner said.</summary>
    public string Reason { get; } = reason;
}
