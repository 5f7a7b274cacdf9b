using System.Globalization;
using System.Text.Json.Nodes;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Federation;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Requests;
using ActorTrust.Node.Api;
using ActorTrust.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace ActorTrust.Node.Federation;

/// <summary>
/// Who acts on a federation entity, proven per request: a request names a key and carries a request authorization
/// (<see cref="RequestAuthorizations"/>) signed by it for the endpoint's <see cref="RequestTarget"/>. An operator request
/// names <c>operator_key_id</c>, looked up among the principals of <c>actortrust.federation.home-domain</c>'s current
/// authority manifest; the actor carries the roles that key holds there, and the decider still requires
/// <c>federator</c>. A peer request names <c>key_id</c>, which must be the key the peer was proposed with. An actor is
/// only built from a verified statement: an unknown key, a missing, stale or foreign signature is answered 401 before
/// any command is sent, so nothing is written.
/// </summary>
internal static class FederationActors
{
    /// <summary>The entity kind of contract targets; the id is the version as decimal text.</summary>
    public const string ContractKind = "contract";

    /// <summary>The entity kind of peer targets; the id is the peer id.</summary>
    public const string PeerKind = "peer";

    /// <summary>The target of <paramref name="action"/> on contract <paramref name="version"/>.</summary>
    public static RequestTarget ContractTarget(int version, string action) => new(ContractKind, version.ToString(CultureInfo.InvariantCulture), action);

    /// <summary>The target of <paramref name="action"/> (the route segments after the id) on peer <paramref name="peerId"/>.</summary>
    public static RequestTarget PeerTarget(string peerId, string action) => new(PeerKind, peerId, action);

    /// <summary>
    /// The operator <paramref name="keyIdText"/>, proven by <paramref name="raw"/>'s authorization for <paramref name="target"/>,
    /// with the roles it holds in our home domain. Throws <see cref="RequestAuthorizationException"/> (401) when the key is
    /// not a principal of the home domain or the authorization does not verify.
    /// </summary>
    public static async Task<FederationActor> OperatorAsync(HttpContext http, NodeRuntime runtime, FederationOptions options, JsonObject raw, RequestTarget target,
        string keyIdText, CancellationToken ct)
    {
        var keyId = ParseKeyId(keyIdText, "operator_key_id");
        var (principal, version) = options.HomeDomain.Length == 0 ? (null, 0L)
            : await runtime.Domains.QueryAsync(options.HomeDomain, (state, _) => state.Current is { } current
                ? (current.Manifest.Principals.FirstOrDefault(p => p.KeyId == keyId), current.Version)
                : ((DomainPrincipal?)null, 0L), ct);
        var statement = SignedRequests.Require(http, raw, target, keyId, principal is null ? null : PublicKeyOf(principal.PublicKey));
        return FederationActor.Operator(statement.KeyId, principal!.Roles, version);
    }

    /// <summary>
    /// The peer <paramref name="peerId"/>, proven by <paramref name="raw"/>'s authorization for <paramref name="target"/>
    /// signed by the key it was proposed with, which <paramref name="keyIdText"/> must name. Throws
    /// <see cref="RequestAuthorizationException"/> (401) otherwise, including for a peer never proposed.
    /// </summary>
    public static async Task<FederationActor> PeerAsync(HttpContext http, NodeRuntime runtime, string peerId, JsonObject raw, RequestTarget target,
        string keyIdText, CancellationToken ct)
    {
        var keyId = ParseKeyId(keyIdText, "key_id");
        var identity = await runtime.Peers.QueryAsync(peerId, (state, _) => state.Identity, ct);
        var key = identity is not null && identity.KeyId.FixedTimeEquals(keyId) ? PublicKeyOf(identity.PublicKey) : null;
        var statement = SignedRequests.Require(http, raw, target, keyId, key);
        return FederationActor.Peer(peerId, statement.KeyId);
    }

    /// <summary>
    /// An operator (<paramref name="operatorKeyId"/>) or the peer (<paramref name="peerKeyId"/>), exactly one named, proven
    /// as <see cref="OperatorAsync"/> and <see cref="PeerAsync"/> do; naming both or neither is malformed (400).
    /// </summary>
    public static Task<FederationActor> OperatorOrPeerAsync(HttpContext http, NodeRuntime runtime, FederationOptions options, string peerId, JsonObject raw,
        RequestTarget target, string? operatorKeyId, string? peerKeyId, CancellationToken ct) => (operatorKeyId, peerKeyId) switch
    {
        ({ } operatorKey, null) => OperatorAsync(http, runtime, options, raw, target, operatorKey, ct),
        (null, { } peerKey) => PeerAsync(http, runtime, peerId, raw, target, peerKey, ct),
        _ => throw new FormatException("give exactly one of operator_key_id (an operator) or key_id (the peer)"),
    };

    /// <summary>The node's liveness timer.</summary>
    public static FederationActor Liveness { get; } = FederationActor.System("liveness");

    // A stored key that does not parse is no key: the request is refused as naming an unknown key.
    private static Ed25519PublicKey? PublicKeyOf(string hex)
    {
        try
        {
            return Ed25519PublicKey.TryCreate(Convert.FromHexString(hex), out var key) ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static Digest ParseKeyId(string? text, string field) =>
        Digest.TryParse(text, out var digest, out var error) ? digest : throw new FormatException($"{field}: {error}");
}
