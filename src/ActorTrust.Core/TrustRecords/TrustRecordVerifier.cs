using System.Text;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;
using static ActorTrust.Core.TrustRecords.TrustRecordErrors;

namespace ActorTrust.Core.TrustRecords;

/// <summary>
/// Verifies a Trust Record offline (no node), purely: the envelope; that a trusted node key signed it and is the
/// key the record names; the payload; then, with the Agent Manifest and the issuer domain's authority, re-runs the
/// manifest binding at the session's opening time and cross-checks every identity field (source 001, Option B),
/// the policy and catalog hashes; and, with a journal export, that the session's chain has the record's length
/// and head. Every check is reported; the first failure is the primary error.
/// </summary>
public static class TrustRecordVerifier
{
    /// <summary>Verifies <paramref name="recordEnvelope"/>.</summary>
    /// <param name="recordEnvelope">The record envelope as DSSE JSON text, untrusted.</param>
    /// <param name="trustedNodeKeys">The node keys trusted to sign records.</param>
    /// <param name="manifestEnvelope">The Agent Manifest envelope as DSSE JSON text.</param>
    /// <param name="authority">The issuer domain's authority (from its manifest, <see cref="IssuerAuthority.From"/>); null when none is trusted.</param>
    /// <param name="journal">The session's journal export, in order; null to skip the journal checks.</param>
    /// <param name="revocations">What is known to be revoked; none when null.</param>
    public static TrustRecordVerification Verify(
        string recordEnvelope,
        IEnumerable<Ed25519PublicKey> trustedNodeKeys,
        string manifestEnvelope,
        IssuerAuthority? authority,
        IReadOnlyList<JournalLink>? journal = null,
        RevocationList? revocations = null)
    {
        ArgumentNullException.ThrowIfNull(recordEnvelope);
        ArgumentNullException.ThrowIfNull(trustedNodeKeys);
        ArgumentNullException.ThrowIfNull(manifestEnvelope);
        var checks = new List<TrustRecordCheck>();
        var record = Authenticate(recordEnvelope, [.. trustedNodeKeys], checks);
        if (record is null)
        {
            Skip(checks, "the record is not authenticated", "agent_manifest", "agent_binding", "policy_hash", "catalog_hash", "journal_chain", "journal_length", "journal_head");
        }
        else
        {
            TrustRecordCrossChecks.Manifest(record, manifestEnvelope, authority, revocations, checks);
            TrustRecordCrossChecks.Journal(record, journal, checks);
        }

        return new TrustRecordVerification(checks, checks.FirstOrDefault(c => c.Status == CheckStatus.Failed)?.Error, record);
    }

    internal static void Skip(List<TrustRecordCheck> checks, string why, params string[] names) =>
        checks.AddRange(names.Select(name => new TrustRecordCheck(name, CheckStatus.Skipped, $"not checked: {why}")));

    private static TrustRecord? Authenticate(string text, IReadOnlyList<Ed25519PublicKey> trusted, List<TrustRecordCheck> checks)
    {
        Envelope envelope;
        try
        {
            envelope = EnvelopeJson.Parse(Encoding.UTF8.GetBytes(text));
        }
        catch (EnvelopeException ex)
        {
            checks.Add(Failed("record_envelope", ex.Message, RecordMalformed));
            Skip(checks, "the envelope is unreadable", "node_key", "record_signature", "record_payload");
            return null;
        }

        checks.Add(new("record_envelope", CheckStatus.Verified, $"a DSSE envelope with {envelope.Signatures.Count} signature(s)"));
        var trustedIds = trusted.Select(k => k.KeyId.ToString()).ToHashSet(StringComparer.Ordinal);
        var verdict = trusted.Count == 0 ? null : EnvelopeVerifier.Verify(envelope, new TrustPolicy(trusted, 1, [PayloadTypes.TrustRecord]));
        if (verdict is null || verdict.Rejection == EnvelopeRejection.ThresholdNotMet)
        {
            var namesTrusted = envelope.Signatures.Any(s => s.KeyId is not null && trustedIds.Contains(s.KeyId));
            var named = envelope.Signatures.Where(s => s.KeyId is not null).Select(s => s.KeyId).ToList();
            checks.Add(trusted.Count == 0 ? Failed("node_key", "no node key is trusted", NodeKeyUntrusted)
                : namesTrusted ? new("node_key", CheckStatus.Verified, "a signature names a trusted node key")
                : named.Count > 0 ? Failed("node_key", $"signed by {string.Join(", ", named)}, not a trusted node key", NodeKeyUntrusted)
                : new("node_key", CheckStatus.Skipped, "not checked: no signature names its key"));
            checks.Add(trusted.Count > 0 && (namesTrusted || named.Count == 0)
                ? Failed("record_signature", "no signature verifies under a trusted node key: the record or its signature was altered", SignatureInvalid)
                : new("record_signature", CheckStatus.Skipped, "not checked: no signature is by a trusted node key"));
            Skip(checks, "the record is not authenticated", "record_payload");
            return null;
        }

        TrustRecord? record = null;
        var error = $"payload type '{envelope.PayloadType}' is not a trust record";
        if (verdict.IsVerified)
        {
            record = SchemaDocument.Read<TrustRecord>(verdict.Payload, TrustRecord.SchemaV1, out var readError);
            error = readError ?? error;
        }

        var keyBound = record is not null && verdict.VerifiedKeyIds.Contains(record.Node.KeyId.ToString(), StringComparer.Ordinal);
        checks.Add(record is null ? new("node_key", CheckStatus.Verified, "the signing key is a trusted node key")
            : keyBound ? new("node_key", CheckStatus.Verified, $"node {record.Node.NodeId} key {record.Node.KeyId} is trusted and signed the record")
            : Failed("node_key", $"the record names node key {record.Node.KeyId}, which did not sign it", NodeKeyUntrusted));
        checks.Add(new("record_signature", CheckStatus.Verified, $"signed by trusted node key {string.Join(", ", verdict.VerifiedKeyIds)}"));
        checks.Add(record is null ? Failed("record_payload", error, RecordMalformed)
            : new("record_payload", CheckStatus.Verified, $"trust record of session {record.SessionId}, sequence {record.Node.Sequence}"));
        return keyBound ? record : null;
    }

    internal static TrustRecordCheck Failed(string name, string detail, string error) => new(name, CheckStatus.Failed, detail, error);
}
