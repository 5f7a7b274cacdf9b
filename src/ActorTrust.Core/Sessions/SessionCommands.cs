using System.Text.Json.Serialization;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;

namespace ActorTrust.Core.Sessions;

/// <summary>A command for a <c>session</c> entity (id = the session's SPIFFE ID).</summary>
public abstract record SessionCommand;

/// <summary>
/// Opens (admits or refuses) a session. The node fills it before deciding, from: the authenticated connection
/// (<paramref name="Subject"/>, <paramref name="SubjectSource"/>, <paramref name="Transport"/>), its configuration
/// (<paramref name="DevMode"/>, <paramref name="Audience"/>, <paramref name="Posture"/> and
/// <paramref name="AllowedRuntimeIdentities"/> of the claims profile, the loaded policy-bundle and tool-catalog
/// hashes), the request body (<paramref name="ClaimsEnvelope"/>, <paramref name="ManifestEnvelope"/>), the
/// <c>agent</c> entity's state (<paramref name="Agent"/>), the issuer <c>domain</c> entity's current version
/// (<paramref name="Authority"/>, see <see cref="IssuerAuthority.From"/>) and its nonce ledger
/// (<paramref name="SeenNonces"/>). The decider records the versions and digests it relied on.
/// </summary>
/// <param name="Subject">The authenticated subject (the acting agent's SPIFFE ID).</param>
/// <param name="SubjectSource">Where the subject came from; <c>manifest-dev</c> only in dev mode.</param>
/// <param name="DevMode">True when the node runs in dev mode.</param>
/// <param name="Transport">The authenticated connection's transport facts.</param>
/// <param name="Audience">The node's audience (what claims must be addressed to).</param>
/// <param name="Posture">The claims policy posture in force for the claims profile.</param>
/// <param name="PolicyBundleHash">The hash of the policy bundle the node loaded.</param>
/// <param name="ToolCatalogHash">The hash of the tool catalog the node loaded.</param>
/// <param name="Agent">The <c>agent</c> entity named by the request (or by the presented manifest), as read just before.</param>
/// <param name="Authority">The issuer domain's current authority, or null when the domain is unknown.</param>
/// <param name="ClaimsEnvelope">The session-claims envelope as DSSE JSON text, or null when none was presented.</param>
/// <param name="ManifestEnvelope">
/// The signed Agent Manifest presented with the request (or read from the agent's journal), re-verified against
/// <paramref name="Authority"/> and required to be the agent's current manifest; null to rely on the agent
/// entity's already-verified binding (the cached path: then only the issuer key's role and expiry are re-checked).
/// </param>
/// <param name="AllowedRuntimeIdentities">Runtime identity digests allowed for the claims profile; null when there is no allow-list.</param>
/// <param name="SeenNonces">
/// Claims nonces already used, from the node's nonce ledger (a replay is <see cref="SessionRejectionCodes.SessionClaimsInvalid"/>).
/// The node keeps the ledger per authenticated peer key (so no other peer can use up a nonce), reserves the nonce
/// atomically before sending (<see cref="SessionClaimsReader.TryPeekNonce"/>, then add-if-absent) and passes it here
/// when it was already present. Entries may be dropped once <see cref="SessionClaims.MaxLifetime"/> has passed; the
/// ledger can be rebuilt from the <c>claims.nonce</c> and <c>claims.expires_at</c> recorded in admission events.
/// </param>
public sealed record OpenSession(
    SpiffeId Subject,
    SubjectSource SubjectSource,
    bool DevMode,
    TransportFacts Transport,
    string Audience,
    PolicyPosture Posture,
    Digest PolicyBundleHash,
    Digest ToolCatalogHash,
    AgentSnapshot Agent,
    IssuerAuthority? Authority = null,
    string? ClaimsEnvelope = null,
    string? ManifestEnvelope = null,
    IReadOnlyList<Digest>? AllowedRuntimeIdentities = null,
    IReadOnlyCollection<string>? SeenNonces = null) : SessionCommand;

/// <summary>Records one tool call in an open session's transcript.</summary>
/// <param name="Call">The call: tool, data class and policy decision.</param>
public sealed record RecordToolCall(ToolCall Call) : SessionCommand;

/// <summary>
/// Closes an open session and emits its signed Trust Record. The node supplies what only it knows: its id, the
/// session stream's current head (<paramref name="JournalHead"/>: the hash and sequence number of the last event
/// before this close; its length must equal the entity's version) and its own Trust Record chain position
/// (<paramref name="RecordSequence"/>, <paramref name="PreviousRecordHash"/>), and attaches its signing key.
/// Ed25519 is deterministic, so the decision stays a function of its inputs.
/// </summary>
/// <param name="NodeId">The closing node's id.</param>
/// <param name="JournalHead">The session stream's head before the close event.</param>
/// <param name="RecordSequence">This record's number in the node's Trust Record sequence, from 1.</param>
/// <param name="PreviousRecordHash">The hash of the node's previous record (<see cref="TrustRecords.TrustRecord.HashOf"/>); null exactly for sequence 1.</param>
/// <param name="Signer">The node's signing key, attached by the hosting node; never serialised.</param>
public sealed record CloseSession(
    string NodeId,
    JournalHead JournalHead,
    long RecordSequence,
    Digest? PreviousRecordHash,
    [property: JsonIgnore] IEnvelopeSigner Signer) : SessionCommand;

/// <summary>The head of a journal stream: how many events it holds and the chain hash of the last one.</summary>
/// <param name="Length">The last sequence number (the number of events).</param>
/// <param name="HeadHash">The chain hash of event number <paramref name="Length"/>.</param>
public sealed record JournalHead(long Length, Digest HeadHash);

/// <summary>The <c>agent</c> entity as a session's admission read it.</summary>
/// <param name="AgentId">The agent entity asked.</param>
/// <param name="Status">Its status.</param>
/// <param name="Version">Its version (last sequence number) when read.</param>
/// <param name="Binding">Its current binding while active (<see cref="AgentState.Binding"/>), else null.</param>
public sealed record AgentSnapshot(SpiffeId AgentId, AgentStatus Status, long Version, AgentBinding? Binding = null)
{
    /// <summary>The snapshot of <paramref name="state"/> at <paramref name="version"/>.</summary>
    public static AgentSnapshot Of(SpiffeId agentId, AgentState state, long version)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(agentId, state.Status, version, state.Binding);
    }
}

/// <summary>
/// Asks the node serving the session to close it (a clustered node forwards a close it does not serve). It carries
/// nothing: the serving node turns it into a <see cref="CloseSession"/> with its own id, the session's head, its Trust
/// Record chain position and its key, so the record is signed and chained by the node that closes it. A decider that
/// receives it unresolved refuses it with <see cref="SessionRejectionCodes.CloseNotResolved"/>.
/// </summary>
public sealed record CloseSessionHere : SessionCommand;
