using ActorTrust.Core.Domains;
using ActorTrust.Core.Federation;
using ActorTrust.Core.Hashing;
using ActorTrust.Node.Hosting;

namespace ActorTrust.Node.Federation;

/// <summary>
/// Who acts on a federation entity, as the node can tell today. UNAUTHENTICATED pending issue 8 (mutual TLS and
/// authenticated clients): an operator request names an operator key id, and the node grants it the roles that key
/// holds in <c>actortrust.federation.home-domain</c>'s current authority manifest (the decider requires
/// <c>federator</c>); a peer request names the peer's key id, which the decider compares with the key the peer was
/// proposed with. Neither is proven by a signature yet.
/// </summary>
internal static class FederationActors
{
    /// <summary>The operator <paramref name="keyIdText"/> with its roles in our home domain (none when it holds none).</summary>
    public static async Task<FederationActor> OperatorAsync(NodeRuntime runtime, FederationOptions options, string keyIdText, CancellationToken ct)
    {
        var keyId = ParseKeyId(keyIdText, "operator_key_id");
        var (roles, version) = options.HomeDomain.Length == 0 ? ([], 1L)
            : await runtime.Domains.QueryAsync(options.HomeDomain, (state, _) => state.Current is { } current
                ? (RolesOf(current, keyId), current.Version)
                : ((IReadOnlyList<DomainRole>)[], 1L), ct);
        return FederationActor.Operator(keyId, roles, version);
    }

    /// <summary>The peer <paramref name="peerId"/> as the key <paramref name="keyIdText"/>.</summary>
    public static FederationActor Peer(string peerId, string keyIdText) => FederationActor.Peer(peerId, ParseKeyId(keyIdText, "key_id"));

    /// <summary>The node's liveness timer.</summary>
    public static FederationActor Liveness { get; } = FederationActor.System("liveness");

    private static IReadOnlyList<DomainRole> RolesOf(DomainVersion current, Digest keyId) =>
        current.Manifest.Principals.FirstOrDefault(p => p.KeyId == keyId)?.Roles ?? [];

    private static Digest ParseKeyId(string? text, string field) =>
        Digest.TryParse(text, out var digest, out var error) ? digest : throw new FormatException($"{field}: {error}");
}
