namespace ActorTrust.Runtime.Sharding;

/// <summary>
/// The right to host one shard of an entity kind, and the fencing token every journal write for that shard
/// carries. Tokens only grow: a newer holder always writes with a higher token than any older one.
/// </summary>
/// <param name="Kind">The entity kind (<c>agent</c>, <c>session</c>, ...).</param>
/// <param name="Shard">The shard number, <c>0 .. numShards-1</c>.</param>
/// <param name="OwnerNode">The holding node, <c>host:port:incarnation</c>.</param>
/// <param name="FencingToken">The token the holder writes with.</param>
public sealed record ShardLease(string Kind, int Shard, string OwnerNode, long FencingToken);
