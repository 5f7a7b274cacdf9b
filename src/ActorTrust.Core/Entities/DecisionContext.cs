namespace ActorTrust.Core.Entities;

/// <summary>
/// Everything a decider may know besides state and command: which entity it is deciding for, the time the
/// command is decided at (from the host's injected clock; deciders never read a clock) and the entity's
/// current version (its last journal sequence number, 0 when new).
/// </summary>
/// <param name="EntityId">The entity id (e.g. the trust domain, or the agent's SPIFFE ID).</param>
/// <param name="Now">The decision time.</param>
/// <param name="Version">The last applied sequence number.</param>
public sealed record DecisionContext(string EntityId, DateTimeOffset Now, long Version);
