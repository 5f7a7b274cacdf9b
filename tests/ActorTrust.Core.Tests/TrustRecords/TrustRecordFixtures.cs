using System.Text;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;
using ActorTrust.Core.Sessions;
using ActorTrust.Core.Tests.Sessions;
using ActorTrust.Core.Tests.TestSupport;
using ActorTrust.Core.TrustRecords;
using static ActorTrust.Core.Tests.Agents.AgentFixtures;

namespace ActorTrust.Core.Tests.TrustRecords;

/// <summary>Verifier calls with the fixtures' trust (node key 28, manifest m-1, issuer authority v3) and record forgeries.</summary>
internal static class TrustRecordFixtures
{
    public static TrustRecordVerification VerifyRecord(
        string recordEnvelope, IReadOnlyList<JournalLink>? journal = null, string? manifest = null, IssuerAuthority? authority = null, params int[] trustedNodeKeys) =>
        TrustRecordVerifier.Verify(
            recordEnvelope,
            (trustedNodeKeys.Length == 0 ? [SessionFixtures.NodeKey] : trustedNodeKeys).Select(k => TestKeys.Key(k).PublicKey),
            manifest ?? Signed(Manifest()),
            authority ?? Authority,
            journal);

    /// <summary>A closed default session (one tool call) with its journal.</summary>
    public static (SessionRun Run, SessionClosed Closed) Closed()
    {
        var run = SessionRun.Opened(new ToolCall("read_inventory", "internal", ToolDecision.Allow));
        return (run, run.CloseNow());
    }

    /// <summary>The record edited and signed again by <paramref name="key"/>, as a node holding that key could.</summary>
    public static string Resign(TrustRecord record, Func<TrustRecord, TrustRecord> edit, int key = SessionFixtures.NodeKey) =>
        SignRaw(ActorTrustJson.ToCanonicalBytes(edit(record)), key);

    public static string SignRaw(byte[] payload, int key = SessionFixtures.NodeKey, string payloadType = PayloadTypes.TrustRecord) =>
        Encoding.UTF8.GetString(EnvelopeJson.Serialize(Envelope.Sign(payloadType, payload, TestKeys.Signer(key))));

    public static TrustRecordCheck Check(this TrustRecordVerification verification, string name) =>
        verification.Checks.Single(c => c.Name == name);

    public static void ShouldFailWith(this TrustRecordVerification verification, string error, string check)
    {
        verification.PrimaryError.ShouldBe(error, string.Join("; ", verification.Checks.Select(c => $"{c.Name}={c.Status} {c.Detail}")));
        verification.Check(check).Status.ShouldBe(CheckStatus.Failed);
        verification.IsVerified.ShouldBeFalse();
    }
}
