using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Keys;

namespace ActorTrust.Core.Sessions;

/// <summary>How the peer's connection reaches the node. Written as <c>direct</c> or <c>relay</c>.</summary>
public enum TransportPathKind
{
    /// <summary>A direct connection.</summary>
    Direct = 1,

    /// <summary>A connection through a relay, identified by relay id and session tag.</summary>
    Relay = 2,
}

/// <summary>
/// The transport facts of an authenticated connection: who the peer is (node id and authentication key) and
/// how it is connected. A session-claims bundle states the same facts; any difference makes it detached.
/// </summary>
/// <param name="PeerNodeId">The peer's node id.</param>
/// <param name="PeerAuthPublicKey">The peer's Ed25519 authentication public key, 64 lowercase hex characters.</param>
/// <param name="PathKind">Direct or relayed.</param>
/// <param name="RelayId">The relay's id; present exactly when <paramref name="PathKind"/> is relay.</param>
/// <param name="SessionTag">The relay session tag; present exactly when <paramref name="PathKind"/> is relay.</param>
public sealed record TransportFacts(string PeerNodeId, string PeerAuthPublicKey, TransportPathKind PathKind, string? RelayId = null, string? SessionTag = null)
{
    /// <summary>The longest node id, relay id or session tag accepted.</summary>
    public const int MaxIdLength = 256;

    /// <summary>True when the connection is relayed.</summary>
    [JsonIgnore]
    public bool IsRelayed => PathKind == TransportPathKind.Relay;

    /// <summary>Returns null when the facts are well-formed, else the rule they break.</summary>
    public string? Validate() =>
        Id(PeerNodeId, "peer_node_id")
        ?? (TryGetPeerKey(out _, out var keyError) ? null : keyError)
        ?? (Enum.IsDefined(PathKind) ? null : $"path_kind {PathKind} is not defined")
        ?? (IsRelayed
            ? Id(RelayId, "relay_id") ?? Id(SessionTag, "session_tag")
            : RelayId is null && SessionTag is null ? null : "relay_id and session_tag are only given on a relayed path");

    /// <summary>Names the first fact that differs from <paramref name="other"/>, or null when they are the same.</summary>
    public string? FirstDifference(TransportFacts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return !string.Equals(PeerAuthPublicKey, other.PeerAuthPublicKey, StringComparison.Ordinal) ? "peer_auth_public_key"
            : !string.Equals(PeerNodeId, other.PeerNodeId, StringComparison.Ordinal) ? "peer_node_id"
            : PathKind != other.PathKind ? "path_kind"
            : !string.Equals(RelayId, other.RelayId, StringComparison.Ordinal) ? "relay_id"
            : !string.Equals(SessionTag, other.SessionTag, StringComparison.Ordinal) ? "session_tag"
            : null;
    }

    /// <summary>Reads <see cref="PeerAuthPublicKey"/>: lowercase hex of a key fit to be trusted (not small-order).</summary>
    public bool TryGetPeerKey([NotNullWhen(true)] out Ed25519PublicKey? key, [NotNullWhen(false)] out string? error) =>
        PublicKeyHex.TryParseForRegistration(PeerAuthPublicKey, "peer_auth_public_key", out key, out error);

    private static string? Id(string? value, string field) =>
        string.IsNullOrEmpty(value) || value.Length > MaxIdLength || value.Any(char.IsControl)
            ? $"{field} must be 1 to {MaxIdLength} characters without control characters"
            : null;
}
