using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Sessions;

namespace ActorTrust.Core.TrustRecords;

/// <summary>
/// Trust Record v1: what a node attests when a session closes — who acted (subject and its source), which
/// reviewed agent that was (the manifest binding), under which policy and catalog, on which runtime (claims
/// posture and digests), over which connection, what it did (transcript hash and count), where the full audit
/// log is (the session journal's head) and where this record sits in the node's own record chain. Signed by the
/// node key as a DSSE envelope (<see cref="Envelopes.PayloadTypes.TrustRecord"/>) over its canonical bytes.
/// </summary>
/// <param name="Schema">Always <see cref="SchemaV1"/>.</param>
/// <param name="SessionId">The session's SPIFFE ID (its journal stream is <c>session|&lt;id&gt;</c>).</param>
/// <param name="Subject">The authenticated subject.</param>
/// <param name="SubjectSource">Where the subject came from.</param>
/// <param name="Agent">The manifest binding admission checked.</param>
/// <param name="PolicyBundleHash">The policy bundle the node loaded.</param>
/// <param name="ToolCatalogHash">The tool catalog the node loaded.</param>
/// <param name="Claims">The claims posture, disposition and runtime digests.</param>
/// <param name="Transport">The authenticated connection's transport facts.</param>
/// <param name="Transcript">The tool transcript hash and call count.</param>
/// <param name="Journal">The session journal's head before the close event.</param>
/// <param name="Node">The signing node and this record's place in its chain.</param>
/// <param name="OpenedAt">When the session was admitted (the time the binding held).</param>
/// <param name="Iat">When the record was issued (the close decision time).</param>
public sealed record TrustRecord(
    string Schema,
    SpiffeId SessionId,
    SpiffeId Subject,
    SubjectSource SubjectSource,
    TrustRecordAgent Agent,
    Digest PolicyBundleHash,
    Digest ToolCatalogHash,
    TrustRecordClaims Claims,
    TransportFacts Transport,
    TrustRecordTranscript Transcript,
    TrustRecordJournal Journal,
    TrustRecordNode Node,
    DateTimeOffset OpenedAt,
    DateTimeOffset Iat)
{
    /// <summary>The schema identifier of this format.</summary>
    public const string SchemaV1 = "actortrust.trust-record/v1";

    /// <summary>
    /// A record's hash: <c>sha256:</c> of its exact payload bytes (like every ActorTrust document digest). The
    /// node's next record carries it as <c>previous_record_hash</c>.
    /// </summary>
    public static Digest HashOf(ReadOnlySpan<byte> payload) => Digest.Sha256(payload);
}

/// <summary>The agent identity bound at admission (source 001: the fields an offline verifier cross-checks).</summary>
/// <param name="AgentId">The manifest's agent.</param>
/// <param name="ManifestId">The manifest id.</param>
/// <param name="ManifestDigest">The manifest's payload digest.</param>
/// <param name="Issuer">The issuer trust domain.</param>
/// <param name="IssuerKeyId">The publisher key that signed the manifest.</param>
/// <param name="PolicyBundleHash">The policy bundle the manifest approved.</param>
/// <param name="ToolCatalogHash">The tool catalog the manifest approved.</param>
public sealed record TrustRecordAgent(
    SpiffeId AgentId, string ManifestId, Digest ManifestDigest, string Issuer, Digest IssuerKeyId, Digest PolicyBundleHash, Digest ToolCatalogHash);

/// <summary>The session claims as admission judged them.</summary>
/// <param name="PolicyPosture">The posture in force.</param>
/// <param name="Disposition">The verification disposition.</param>
/// <param name="RuntimeIdentityDigest">The runtime identity digest, when verified.</param>
/// <param name="RuntimeManifestDigest">The runtime manifest digest, when verified.</param>
/// <param name="ClaimsProfileId">The claims profile id, when verified and given.</param>
/// <param name="ProofPosture">The proof posture, when verified.</param>
/// <param name="ClaimsDigest">The claims payload digest, when the envelope was readable.</param>
public sealed record TrustRecordClaims(
    PolicyPosture PolicyPosture,
    ClaimsDisposition Disposition,
    Digest? RuntimeIdentityDigest = null,
    Digest? RuntimeManifestDigest = null,
    string? ClaimsProfileId = null,
    ProofPosture? ProofPosture = null,
    Digest? ClaimsDigest = null);

/// <summary>The tool transcript (<see cref="ToolTranscript"/>).</summary>
/// <param name="Hash">The transcript hash.</param>
/// <param name="CallCount">The number of calls.</param>
public sealed record TrustRecordTranscript(Digest Hash, long CallCount);

/// <summary>The session journal's head when the record was made (the close event itself follows it).</summary>
/// <param name="HeadHash">The chain hash of event number <paramref name="Length"/>.</param>
/// <param name="Length">The number of events before the close event.</param>
public sealed record TrustRecordJournal(Digest HeadHash, long Length);

/// <summary>The signing node and the record's place in the node's chain of Trust Records.</summary>
/// <param name="NodeId">The node's id.</param>
/// <param name="KeyId">The node key that signs the record.</param>
/// <param name="Sequence">The record's number in the node's sequence, from 1.</param>
/// <param name="PreviousRecordHash">The node's previous record hash; absent exactly for sequence 1.</param>
public sealed record TrustRecordNode(string NodeId, Digest KeyId, long Sequence, Digest? PreviousRecordHash = null);
