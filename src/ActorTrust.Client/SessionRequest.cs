namespace ActorTrust.Client;

/// <summary>What a service presents to open a session (<c>POST /v1/sessions</c>).</summary>
public sealed record SessionRequest
{
    /// <summary>The session's SPIFFE ID (the entity id).</summary>
    public required string SessionId { get; init; }

    /// <summary>The authenticated subject (SPIFFE ID) of the connection.</summary>
    public required string Subject { get; init; }

    /// <summary>Where the subject came from: <c>svid</c>, <c>config</c> or <c>manifest-dev</c> (dev mode only).</summary>
    public string SubjectSource { get; init; } = "config";

    /// <summary>The agent whose approved manifest the session must bind to.</summary>
    public required string AgentId { get; init; }

    /// <summary>The peer node id of the authenticated connection.</summary>
    public required string PeerNodeId { get; init; }

    /// <summary>The peer's auth public key (64 lowercase hex).</summary>
    public required string PeerAuthPublicKey { get; init; }

    /// <summary><c>direct</c> or <c>relay</c>.</summary>
    public string PathKind { get; init; } = "direct";

    /// <summary>The relay id, when relayed.</summary>
    public string? RelayId { get; init; }

    /// <summary>The relay session tag, when relayed.</summary>
    public string? SessionTag { get; init; }

    /// <summary>The policy bundle hash loaded for the session (<c>sha256:…</c>).</summary>
    public required string PolicyBundleHash { get; init; }

    /// <summary>The tool catalog hash loaded for the session (<c>sha256:…</c>).</summary>
    public required string ToolCatalogHash { get; init; }

    /// <summary>The session-claims envelope (DSSE JSON), signed by the peer key, if any.</summary>
    public string? ClaimsEnvelope { get; init; }

    /// <summary>The agent manifest envelope (DSSE JSON) to re-verify, if any.</summary>
    public string? ManifestEnvelope { get; init; }

    /// <summary>The claims profile (default: the node's default profile).</summary>
    public string? ClaimsProfile { get; init; }
}
