using System.Text;
using ActorTrust.Core.Agents;
using static ActorTrust.Core.TrustRecords.TrustRecordErrors;
using static ActorTrust.Core.TrustRecords.TrustRecordVerifier;

namespace ActorTrust.Core.TrustRecords;

/// <summary>The checks of an authenticated Trust Record against its manifest and its journal.</summary>
internal static class TrustRecordCrossChecks
{
    internal static void Manifest(TrustRecord record, string manifestEnvelope, IssuerAuthority? authority, RevocationList? revocations, List<TrustRecordCheck> checks)
    {
        var verdict = AgentManifestVerifier.Verify(Encoding.UTF8.GetBytes(manifestEnvelope), authority, record.OpenedAt, revocations);
        if (!verdict.IsValid || verdict.Manifest is not { } m)
        {
            checks.Add(Failed("agent_manifest", $"{verdict.Code}: {verdict.Reason}", AgentManifestInvalid));
            Skip(checks, "the manifest does not verify", "agent_binding", "policy_hash", "catalog_hash");
            return;
        }

        checks.Add(new("agent_manifest", CheckStatus.Verified, $"manifest {m.ManifestId} verifies against domain '{authority!.DomainId}' version {authority.Version} at {record.OpenedAt:O}"));
        var a = record.Agent;
        string[] differing =
        [
            .. Differs("agent.agent_id", a.AgentId == m.AgentId), .. Differs("subject", record.Subject == m.AgentId),
            .. Differs("agent.manifest_id", a.ManifestId == m.ManifestId), .. Differs("agent.manifest_digest", a.ManifestDigest == verdict.ManifestDigest),
            .. Differs("agent.issuer", a.Issuer == m.Issuer), .. Differs("agent.issuer_key_id", a.IssuerKeyId == m.IssuerKeyId),
            .. Differs("agent.policy_bundle_hash", a.PolicyBundleHash == m.PolicyBundleHash), .. Differs("agent.tool_catalog_hash", a.ToolCatalogHash == m.ToolCatalogHash),
        ];
        checks.Add(differing.Length == 0
            ? new("agent_binding", CheckStatus.Verified, $"subject and agent identity agree with manifest {m.ManifestId} of {m.AgentId}")
            : Failed("agent_binding", $"the record disagrees with the manifest on {string.Join(", ", differing)}", AgentManifestMismatch));
        checks.Add(record.PolicyBundleHash == m.PolicyBundleHash
            ? new("policy_hash", CheckStatus.Verified, $"the loaded policy bundle {record.PolicyBundleHash} is the approved one")
            : Failed("policy_hash", $"the loaded policy bundle {record.PolicyBundleHash} is not the approved {m.PolicyBundleHash}", PolicyHashMismatch));
        checks.Add(record.ToolCatalogHash == m.ToolCatalogHash
            ? new("catalog_hash", CheckStatus.Verified, $"the loaded tool catalog {record.ToolCatalogHash} is the approved one")
            : Failed("catalog_hash", $"the loaded tool catalog {record.ToolCatalogHash} is not the approved {m.ToolCatalogHash}", CatalogHashMismatch));
    }

    internal static void Journal(TrustRecord record, IReadOnlyList<JournalLink>? journal, List<TrustRecordCheck> checks)
    {
        if (journal is null)
        {
            Skip(checks, "no journal export was given", "journal_chain", "journal_length", "journal_head");
            return;
        }

        var previous = SessionJournal.Genesis(record.SessionId);
        for (var i = 0; i < journal.Count; i++)
        {
            var link = journal[i];
            if (link.SeqNr != i + 1 || link.PrevHash != previous)
            {
                checks.Add(Failed("journal_chain", link.SeqNr != i + 1
                    ? $"entry {i + 1} has sequence number {link.SeqNr}"
                    : $"event {link.SeqNr}'s prev_hash {link.PrevHash} is not {(i == 0 ? "the genesis hash of " + SessionJournal.PersistenceId(record.SessionId) : "event " + i + "'s hash")}", ChainBroken));
                Skip(checks, "the chain is broken", "journal_length", "journal_head");
                return;
            }

            previous = link.Hash;
        }

        var length = record.Journal.Length;
        checks.Add(new("journal_chain", CheckStatus.Verified, $"{journal.Count} linked events of {SessionJournal.PersistenceId(record.SessionId)}"));
        if (journal.Count < length || journal.Count > length + 1)
        {
            checks.Add(Failed("journal_length", $"the export has {journal.Count} events; the record covers {length} (plus the close event)", ChainLengthMismatch));
            Skip(checks, "the length does not match", "journal_head");
            return;
        }

        checks.Add(new("journal_length", CheckStatus.Verified, $"the export holds the record's {length} events"));
        var head = length == 0 ? SessionJournal.Genesis(record.SessionId) : journal[(int)length - 1].Hash;
        checks.Add(head == record.Journal.HeadHash
            ? new("journal_head", CheckStatus.Verified, $"event {length} has the record's head hash {head}")
            : Failed("journal_head", $"event {length} has hash {head}, the record says {record.Journal.HeadHash}: the journal was rebuilt or altered", ChainHeadMismatch));
    }

    private static string[] Differs(string field, bool equal) => equal ? [] : [field];
}
