using ActorTrust.Core.RuntimeManifests;

namespace ActorTrust.Core.Sessions;

/// <summary>
/// Session Claims v1 (source 000): what a peer claims about the session it opens — its transport binding,
/// the runtime it runs on and the proof posture — for one audience, once (nonce), for a short time. Signed by
/// the peer's authentication key as its own DSSE envelope (<see cref="Envelopes.PayloadTypes.SessionClaims"/>)
/// over its canonical (RFC 8785) bytes, so the claims are a separately signed object, not a transport detail.
/// </summary>
/// <param name="Schema">Always <see cref="SchemaV1"/>.</param>
/// <param name="Transport">The peer's node id, authentication key and path; must equal the authenticated connection's.</param>
/// <param name="RuntimeManifest">The runtime the peer runs the session on.</param>
/// <param name="ProofPosture">What the bundle claims to prove.</param>
/// <param name="IssuedAt">When the peer made the claims; not accepted beyond <see cref="AllowedClockSkew"/> in the future.</param>
/// <param name="ExpiresAt">When the claims stop being valid (exclusive); at most <see cref="MaxLifetime"/> after <paramref name="IssuedAt"/>.</param>
/// <param name="Audience">The node (or cluster) the claims are for; must equal the node's configured audience.</param>
/// <param name="Nonce">A single-use value, 16 to 128 characters of <c>[A-Za-z0-9_-]</c>; a repeat is a replay.</param>
public sealed record SessionClaims(
    string Schema,
    TransportFacts Transport,
    RuntimeManifest RuntimeManifest,
    ProofPosture ProofPosture,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string Audience,
    string Nonce)
{
    /// <summary>The schema identifier of this format.</summary>
    public const string SchemaV1 = "actortrust.session-claims/v1";

    /// <summary>The longest validity window a bundle may state; it bounds how long a node must remember nonces.</summary>
    public static TimeSpan MaxLifetime { get; } = TimeSpan.FromMinutes(10);

    /// <summary>How far in the future <see cref="IssuedAt"/> may lie.</summary>
    public static TimeSpan AllowedClockSkew { get; } = TimeSpan.FromMinutes(1);

    /// <summary>True when <paramref name="nonce"/> has the nonce grammar.</summary>
    public static bool IsValidNonce(string? nonce) =>
        nonce is { Length: >= 16 and <= 128 }
        && nonce.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-');

    /// <summary>Returns null when the bundle is well-formed, else the first rule it breaks (time and audience are checked by the verifier).</summary>
    public string? Validate() =>
        Transport.Validate() is { } transport ? $"transport: {transport}"
        : RuntimeManifest.Validate() is { } runtime ? $"runtime_manifest: {runtime}"
        : !Enum.IsDefined(ProofPosture) ? $"proof_posture {ProofPosture} is not defined"
        : ExpiresAt <= IssuedAt ? "expires_at must be after issued_at"
        : ExpiresAt - IssuedAt > MaxLifetime ? $"the claims are valid for {ExpiresAt - IssuedAt}; at most {MaxLifetime} is allowed"
        : string.IsNullOrEmpty(Audience) || Audience.Length > 512 || Audience.Any(char.IsControl) ? "audience must be 1 to 512 characters without control characters"
        : !IsValidNonce(Nonce) ? "nonce must be 16 to 128 characters of [A-Za-z0-9_-]"
        : null;
}
