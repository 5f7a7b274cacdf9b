using System.Text;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;
using ActorTrust.Core.TrustRecords;
using static ActorTrust.Core.Sessions.SessionRejectionCodes;

namespace ActorTrust.Core.Sessions;

/// <summary>Decides <see cref="CloseSession"/>: builds the Trust Record from the admission facts and transcript, and signs it.</summary>
internal static class SessionClosing
{
    internal static Decision<SessionEvent> Decide(SessionState state, CloseSession command, DecisionContext context)
    {
        if (state.Status == SessionStatus.Closed)
        {
            return Decision<SessionEvent>.Accept();
        }

        if (state.Status != SessionStatus.Open || state.Admission is not { Manifest.Binding: { } binding } facts)
        {
            return Decision<SessionEvent>.Reject(SessionNotOpen, $"session '{context.EntityId}' is {state.Status}, not open");
        }

        if (Validate(command, context, out var nodeKeyId) is { } invalid)
        {
            return invalid;
        }

        var claims = facts.Claims;
        var record = new TrustRecord(
            TrustRecord.SchemaV1, facts.SessionId, facts.Subject, facts.SubjectSource,
            new TrustRecordAgent(binding.AgentId, binding.ManifestId, binding.ManifestDigest, binding.Issuer, binding.IssuerKeyId, binding.PolicyBundleHash, binding.ToolCatalogHash),
            facts.PolicyBundleHash, facts.ToolCatalogHash,
            new TrustRecordClaims(facts.PolicyPosture, claims.Disposition, claims.RuntimeIdentityDigest, claims.RuntimeManifestDigest, claims.ClaimsProfileId, claims.ProofPosture, claims.ClaimsDigest),
            facts.Transport,
            new TrustRecordTranscript(state.TranscriptHash, state.CallCount),
            new TrustRecordJournal(command.JournalHead.HeadHash, command.JournalHead.Length),
            new TrustRecordNode(command.NodeId, nodeKeyId, command.RecordSequence, command.PreviousRecordHash),
            facts.DecidedAt.ToUniversalTime(), context.Now.ToUniversalTime());
        var payload = ActorTrustJson.ToCanonicalBytes(record);
        var envelope = Envelope.Sign(PayloadTypes.TrustRecord, payload, command.Signer);
        return Decision<SessionEvent>.Accept(new SessionClosed(
            record, TrustRecord.HashOf(payload), Encoding.UTF8.GetString(EnvelopeJson.Serialize(envelope)), context.Now));
    }

    private static Decision<SessionEvent>? Validate(CloseSession c, DecisionContext context, out Digest nodeKeyId)
    {
        nodeKeyId = default;
        var problem =
            string.IsNullOrEmpty(c.NodeId) || c.NodeId.Any(char.IsControl) ? "node_id must be non-empty, without control characters"
            : c.Signer is null ? "the node signer is not attached"
            : !Digest.TryParse(c.Signer.KeyId, out nodeKeyId, out var keyError) ? $"the node signer's key id: {keyError}"
            : c.JournalHead is null ? "journal_head is missing"
            : c.RecordSequence < 1 ? "record_sequence must be at least 1"
            : (c.RecordSequence == 1) != (c.PreviousRecordHash is null) ? "previous_record_hash is given exactly when record_sequence is above 1"
            : null;
        if (problem is not null)
        {
            return Decision<SessionEvent>.Reject(CommandInvalid, problem);
        }

        return c.JournalHead?.Length == context.Version ? null
            : Decision<SessionEvent>.Reject(JournalHeadStale, $"journal head length {c.JournalHead?.Length} is not the session's version {context.Version}");
    }
}
