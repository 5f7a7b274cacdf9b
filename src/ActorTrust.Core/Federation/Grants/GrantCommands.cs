using ActorTrust.Core.Federation.Peers;

namespace ActorTrust.Core.Federation.Grants;

/// <summary>
/// Issues a grant to an enrolled, active or degraded peer (operator). The node draws <paramref name="GrantId"/> and the
/// bearer <paramref name="Credential"/> from its random source and shows the credential once; only its digest is
/// recorded, and the grant id is never a credential.
/// </summary>
/// <param name="GrantId">The new grant's id (lowercase token, unique within the peer).</param>
/// <param name="Request">What is granted.</param>
/// <param name="Credential">The bearer secret (plaintext; never recorded).</param>
/// <param name="Actor">The operator.</param>
public sealed record IssueGrant(string GrantId, GrantRequest Request, string Credential, FederationActor Actor) : PeerCommand;

/// <summary>Revokes a grant before its expiry (operator). Revoking a revoked grant is accepted with no events.</summary>
/// <param name="GrantId">The grant.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">The operator.</param>
public sealed record RevokeGrant(string GrantId, string Reason, FederationActor Actor) : PeerCommand;

/// <summary>One use of a grant, as the peer requests it.</summary>
/// <param name="Scope">The scope the use needs.</param>
/// <param name="ResourceKind">The resource kind it touches.</param>
/// <param name="Action">What the peer does, for the audit log.</param>
/// <param name="InstanceId">The instance it targets, if any.</param>
/// <param name="NetworkId">The network it targets, if any.</param>
/// <param name="SourceAddress">The IP address the request came from, as the node saw it.</param>
public sealed record GrantUse(GrantScope Scope, string ResourceKind, string Action, string? InstanceId = null, string? NetworkId = null, string? SourceAddress = null);

/// <summary>
/// The peer uses a grant (peer): the bearer credential is checked in constant time, then that the grant is honoured
/// (not revoked, not expired), covers the scope and kind, and that the use is inside its restrictions. Accepted uses
/// and refused attempts are both recorded, with the grant's remote subject (commitment 5).
/// </summary>
/// <param name="GrantId">The grant presented.</param>
/// <param name="Credential">The bearer secret presented.</param>
/// <param name="Use">What the peer does with it.</param>
/// <param name="Actor">The peer.</param>
public sealed record ExerciseGrant(string GrantId, string Credential, GrantUse Use, FederationActor Actor) : PeerCommand;
