namespace ActorTrust.Core.Sessions;

/// <summary>
/// The session-claims policy in force for a claims profile (node configuration): how much a session's
/// claims must prove before it is admitted. Written as <c>none</c>, <c>best_effort</c>, <c>required</c>.
/// </summary>
public enum PolicyPosture
{
    /// <summary>Claims are optional; presented claims are still verified, and a failure is recorded as degraded.</summary>
    None = 1,

    /// <summary>Claims are expected: missing ones mark the session <c>unavailable</c>, failing ones degraded; neither refuses.</summary>
    BestEffort = 2,

    /// <summary>Verified claims are required: missing, detached or invalid claims refuse the session.</summary>
    Required = 3,
}

/// <summary>What a claims bundle itself claims to prove. Written as <c>none</c>, <c>best_effort</c>, <c>proof_bearing</c>.</summary>
public enum ProofPosture
{
    /// <summary>The peer makes no proof claim.</summary>
    None = 1,

    /// <summary>The peer reports its runtime honestly but carries no proof.</summary>
    BestEffort = 2,

    /// <summary>The peer's runtime facts are backed by proofs (e.g. attestation).</summary>
    ProofBearing = 3,
}

/// <summary>
/// What admission made of the session claims, as operators see it. Written as <c>verified</c>,
/// <c>unavailable</c>, <c>detached</c>, <c>invalid</c>, <c>missing</c>.
/// </summary>
public enum ClaimsDisposition
{
    /// <summary>Claims were presented, signed by the authenticated peer key, bound to this connection, current and fresh.</summary>
    Verified = 1,

    /// <summary>No claims were presented although the posture (<c>best_effort</c>) expected them: degraded.</summary>
    Unavailable = 2,

    /// <summary>Claims were signed by another key or describe other transport facts than the connection's.</summary>
    Detached = 3,

    /// <summary>Claims were malformed, badly signed, expired, future-dated, for another audience or a replayed nonce.</summary>
    Invalid = 4,

    /// <summary>No claims were presented and none were expected (posture <c>none</c>), or required ones were absent.</summary>
    Missing = 5,
}
