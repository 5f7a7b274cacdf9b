using System.Text.Json.Serialization;

namespace ActorTrust.Core.TrustRecords;

/// <summary>The outcome of one verifier check. Written as <c>verified</c>, <c>failed</c>, <c>skipped</c>.</summary>
public enum CheckStatus
{
    /// <summary>The check passed.</summary>
    Verified = 1,

    /// <summary>The check failed; <see cref="TrustRecordCheck.Error"/> names the error code.</summary>
    Failed = 2,

    /// <summary>The check was not run: its input was not given, or an earlier failure made it meaningless.</summary>
    Skipped = 3,
}

/// <summary>One named check of <see cref="TrustRecordVerifier"/>.</summary>
/// <param name="Name">The check (<c>record_envelope</c>, <c>node_key</c>, <c>record_signature</c>, <c>record_payload</c>,
/// <c>agent_manifest</c>, <c>agent_binding</c>, <c>policy_hash</c>, <c>catalog_hash</c>, <c>journal_chain</c>,
/// <c>journal_length</c>, <c>journal_head</c>).</param>
/// <param name="Status">Verified, failed or skipped.</param>
/// <param name="Detail">What was found, for people.</param>
/// <param name="Error">The error code (<see cref="TrustRecordErrors"/>) when failed; otherwise null.</param>
public sealed record TrustRecordCheck(string Name, CheckStatus Status, string Detail, string? Error = null);

/// <summary>
/// The verdict on a Trust Record: every check in order, and one primary error code (the first failed check's),
/// null when nothing failed. <see cref="IsVerified"/> is false on any failure; a tool exits non-zero then.
/// </summary>
/// <param name="Checks">The checks, in the order they are run.</param>
/// <param name="PrimaryError">The first failed check's error code, or null.</param>
/// <param name="Record">The record, once its signature verified and its payload was read; otherwise null.</param>
public sealed record TrustRecordVerification(IReadOnlyList<TrustRecordCheck> Checks, string? PrimaryError, TrustRecord? Record)
{
    /// <summary>True when no check failed.</summary>
    [JsonIgnore]
    public bool IsVerified => PrimaryError is null;
}

/// <summary>The primary error codes of <see cref="TrustRecordVerifier"/> (cmcp-verify style, upper snake case).</summary>
public static class TrustRecordErrors
{
    /// <summary>The envelope or the record payload is unreadable, of another type or breaks the schema.</summary>
    public const string RecordMalformed = "RECORD_MALFORMED";

    /// <summary>The record is signed by no trusted node key, or names a node key other than the one that signed it.</summary>
    public const string NodeKeyUntrusted = "NODE_KEY_UNTRUSTED";

    /// <summary>A signature names a trusted node key but does not verify: the record or signature was altered.</summary>
    public const string SignatureInvalid = "SIGNATURE_INVALID";

    /// <summary>The Agent Manifest given does not verify against the issuer authority at the session's opening time.</summary>
    public const string AgentManifestInvalid = "AGENT_MANIFEST_INVALID";

    /// <summary>The record's identity fields disagree with the re-verified manifest (Option B cross-check).</summary>
    public const string AgentManifestMismatch = "AGENT_MANIFEST_MISMATCH";

    /// <summary>The policy bundle the node loaded is not the one the manifest approved.</summary>
    public const string PolicyHashMismatch = "POLICY_HASH_MISMATCH";

    /// <summary>The tool catalog the node loaded is not the one the manifest approved.</summary>
    public const string CatalogHashMismatch = "CATALOG_HASH_MISMATCH";

    /// <summary>The journal export is not one contiguous hash chain of this session's stream.</summary>
    public const string ChainBroken = "CHAIN_BROKEN";

    /// <summary>The journal export does not have the record's journal length (plus, at most, the close event).</summary>
    public const string ChainLengthMismatch = "CHAIN_LENGTH_MISMATCH";

    /// <summary>The journal export's event at the record's length does not have the record's head hash.</summary>
    public const string ChainHeadMismatch = "CHAIN_HEAD_MISMATCH";
}
