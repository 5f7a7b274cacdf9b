namespace ActorTrust.Runtime.Sharding;

/// <summary>
/// This node does not hold (or no longer may serve) the lease of the entity's shard, so the command was not
/// executed. The caller should send it to <see cref="OwnerHint"/> (when known) or look the owner up again.
/// </summary>
public sealed class NotOwnerException(string kind, int shard, string? ownerHint)
    : Exception($"shard {shard} of {kind} is not held here" + (ownerHint is null ? string.Empty : $"; try {ownerHint}"))
{
    /// <summary>The entity kind.</summary>
    public string Kind { get; } = kind;

    /// <summary>The shard.</summary>
    public int Shard { get; } = shard;

    /// <summary>The node believed to own (or to be about to own) the shard, <c>host:port:incarnation</c>; null when unknown.</summary>
    public string? OwnerHint { get; } = ownerHint;
}
