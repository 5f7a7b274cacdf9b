using System.Text.Json.Serialization;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Federation;

/// <summary>Who acts on a federation entity. Written as <c>operator</c>, <c>peer</c> or <c>system</c>.</summary>
public enum ActorKind
{
    /// <summary>A principal key of our own trust domain (it must hold <c>federator</c>).</summary>
    Operator = 1,

    /// <summary>The remote peer itself, authenticated by the key it was proposed with.</summary>
    Peer = 2,

    /// <summary>The node's own machinery: its liveness timer, governance rules or migration executor.</summary>
    System = 3,
}

/// <summary>
/// The acting principal of a federation command, recorded in every event it causes. The node fills it from the
/// authenticated request: for an operator, the key id and the roles that key holds in our domain at
/// <paramref name="DomainVersion"/> (read from the <c>domain</c> entity just before); for a peer, the peer id and
/// the key id of the authenticated connection; for the node's own processes, the process name.
/// </summary>
/// <param name="Kind">Operator, peer or system.</param>
/// <param name="Id">The operator's key id text, the peer id, or the system process name.</param>
/// <param name="KeyId">The authenticating key id (operators and peers).</param>
/// <param name="Roles">The roles the operator key holds in our domain (operators only).</param>
/// <param name="DomainVersion">The version of our <c>domain</c> entity the roles were read from (operators only).</param>
public sealed record FederationActor(
    ActorKind Kind, string Id, Digest? KeyId = null, IReadOnlyList<DomainRole>? Roles = null, long? DomainVersion = null)
{
    /// <summary>The longest accepted actor id.</summary>
    public const int MaxIdLength = 256;

    /// <summary>True for an operator key that holds <c>federator</c> in our domain.</summary>
    [JsonIgnore]
    public bool IsFederator => Kind == ActorKind.Operator && Roles is { } roles && roles.Contains(DomainRole.Federator);

    /// <summary>An operator key with the roles it holds in our domain at <paramref name="domainVersion"/>.</summary>
    public static FederationActor Operator(Digest keyId, IReadOnlyList<DomainRole> roles, long domainVersion) =>
        new(ActorKind.Operator, keyId.ToString(), keyId, roles, domainVersion);

    /// <summary>The peer <paramref name="peerId"/>, authenticated by <paramref name="keyId"/>.</summary>
    public static FederationActor Peer(string peerId, Digest keyId) => new(ActorKind.Peer, peerId, keyId);

    /// <summary>The node process <paramref name="process"/> (e.g. <c>liveness</c>).</summary>
    public static FederationActor System(string process) => new(ActorKind.System, process);

    /// <summary>Returns null when the actor is well-formed for its kind, else the rule it breaks.</summary>
    public string? Validate() =>
        !Enum.IsDefined(Kind) ? $"actor kind {Kind} is not defined"
        : FederationText.Check(Id, "actor.id", MaxIdLength) is { } id ? id
        : Kind switch
        {
            ActorKind.Operator when KeyId is null || Roles is null || DomainVersion is not > 0 =>
                "an operator actor carries its key id, its roles and the domain version they were read from",
            ActorKind.Operator when !string.Equals(Id, KeyId.ToString(), StringComparison.Ordinal) => "an operator actor's id is its key id",
            ActorKind.Peer when KeyId is null || Roles is not null || DomainVersion is not null => "a peer actor carries only its peer id and key id",
            ActorKind.System when KeyId is not null || Roles is not null || DomainVersion is not null => "a system actor carries only its process name",
            _ => null,
        };

    /// <inheritdoc />
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Id}";
}
