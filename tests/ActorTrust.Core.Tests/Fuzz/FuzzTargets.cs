using System.Text;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Audit;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;
using ActorTrust.Core.Lineage;
using ActorTrust.Core.Receipts;
using ActorTrust.Core.RuntimeManifests;
using ActorTrust.Core.Sessions;
using ActorTrust.Core.Tests.Agents;
using ActorTrust.Core.Tests.Lineage;
using ActorTrust.Core.Tests.Receipts;
using ActorTrust.Core.Tests.RuntimeManifests;
using ActorTrust.Core.Tests.Sessions;
using ActorTrust.Core.Tests.TestSupport;

namespace ActorTrust.Core.Tests.Fuzz;

/// <summary>
/// One parser or verifier under fuzz: a valid input, the signers that made it (so a damaged payload can be signed
/// again and reach the checks behind the signature), and how to feed it bytes. <see cref="Run"/> returns normally
/// for an accepted or refused input; a refusal by exception must be a <see cref="FormatException"/> (the typed
/// refusals — <see cref="CanonicalJsonException"/>, <see cref="EnvelopeException"/>, … — derive from it) and only
/// where <see cref="ThrowsFormatException"/> says the API refuses that way.
/// </summary>
public sealed record FuzzTarget(string Name, byte[] Valid, IReadOnlyList<IEnvelopeSigner> Signers, Action<byte[]> Run, bool ThrowsFormatException = false)
{
    public override string ToString() => Name;
}

/// <summary>The valid seeds (from the fixtures every other Core test uses) and the entry points fuzzed.</summary>
public static class FuzzTargets
{
    private static readonly AuthorityHistory ReceiptHistory = ReceiptFixtures.History(ReceiptFixtures.RotatedToV2());

    public static IReadOnlyList<FuzzTarget> All { get; } = Build();

    public static FuzzTarget Named(string name) => All.Single(t => t.Name == name);

    private static List<FuzzTarget> Build()
    {
        var receiptNow = LineageFixtures.Now.AddHours(2);
        return
        [
            new("canonical-json", ActorTrustJson.ToCanonicalBytes(AgentFixtures.Manifest()), [],
                bytes => CanonicalJson.Parse(bytes), ThrowsFormatException: true),

            new("dsse-envelope", Bytes(AgentFixtures.Signed(AgentFixtures.Manifest())), [TestKeys.Signer(AgentFixtures.Publisher)],
                bytes => EnvelopeVerifier.Verify(EnvelopeJson.Parse(bytes),
                    TrustPolicy.Single(TestKeys.Key(AgentFixtures.Publisher).PublicKey, PayloadTypes.AgentManifest)), ThrowsFormatException: true),

            new("agent-manifest", Bytes(AgentFixtures.Signed(AgentFixtures.Manifest())), [TestKeys.Signer(AgentFixtures.Publisher)], bytes =>
            {
                AgentFixtures.Verify(Text(bytes));
                AgentFixtures.Spec().When(new RegisterAgent(Text(bytes), AgentFixtures.Authority), AgentFixtures.Now);
            }),

            new("domain-authority-manifest", Bytes(Domains.DomainFixtures.Sign(Domains.DomainFixtures.V1(), 0, 1)), [TestKeys.Signer(0), TestKeys.Signer(1)],
                bytes => Domains.DomainFixtures.Spec().When(new CreateDomain(Text(bytes)), Domains.DomainFixtures.Now)),

            new("session-claims", Bytes(SessionFixtures.SignClaims(SessionFixtures.Claims())), [TestKeys.Signer(SessionFixtures.Peer)], bytes =>
            {
                SessionClaimsVerifier.Verify(Text(bytes), SessionFixtures.Transport, SessionFixtures.Audience, AgentFixtures.Now);
                SessionFixtures.Spec().When(SessionFixtures.Open() with { ClaimsEnvelope = Text(bytes) }, AgentFixtures.Now);
            }),

            new("session-agent-manifest", Bytes(AgentFixtures.Signed(AgentFixtures.Manifest())), [TestKeys.Signer(AgentFixtures.Publisher)],
                bytes => SessionFixtures.Spec().When(SessionFixtures.Open() with { ManifestEnvelope = Text(bytes) }, AgentFixtures.Now)),

            new("runtime-manifest", ActorTrustJson.ToCanonicalBytes(RuntimeManifestFixtures.Cuda()), [], bytes =>
            {
                var manifest = ActorTrustJson.Read<RuntimeManifest>(bytes);
                if (manifest.Validate() is null)
                {
                    RuntimeManifestDigests.Compute(manifest);
                }
            }, ThrowsFormatException: true),

            new("lineage-checkpoint", Bytes(LineageFixtures.Signed(LineageRun.GrantedTo(LineageFixtures.A).Next(LineageFixtures.A))),
                [TestKeys.Signer(LineageFixtures.A)],
                bytes => LineageRun.GrantedTo(LineageFixtures.A).When(new CommitCheckpoint(Text(bytes), LineageFixtures.Roster))),

            new("execution-receipt", Bytes(ReceiptFixtures.SignedReceipt(ReceiptFixtures.Receipt(), ReceiptFixtures.Executor)), [TestKeys.Signer(ReceiptFixtures.Executor)], bytes =>
            {
                CertificationVerifier.VerifyReceipt(Text(bytes), ReceiptHistory);
                ReceiptFixtures.RotatedToV2().When(new CertifyReceipt(Text(bytes)), receiptNow);
            }),

            new("unsigned-execution-receipt", Bytes(CertificationSigning.UnsignedReceiptJson(ReceiptFixtures.Receipt())), [], bytes =>
            {
                CertificationVerifier.VerifyReceipt(Text(bytes), ReceiptHistory);
                ReceiptFixtures.RotatedToV2().When(new CertifyReceipt(Text(bytes)), receiptNow);
            }),

            new("certification", Bytes(ReceiptFixtures.SignedStatement(ReceiptFixtures.Statement(StatementKind.AuditAttestation), ReceiptFixtures.Auditor)),
                [TestKeys.Signer(ReceiptFixtures.Auditor)], bytes =>
            {
                CertificationVerifier.VerifyCertification(Text(bytes), ReceiptHistory);
                ReceiptFixtures.RotatedToV2().When(new Certify(Text(bytes)), receiptNow);
            }),

            new("journal-checkpoint", JournalCheckpoint.Create("node-1", LineageFixtures.Now, 42,
                    [new StreamHead("agent|a", 3, Digest.Sha256("a"u8)), new StreamHead("domain|d", 1, Digest.Sha256("d"u8))]).ToCanonicalBytes(), [],
                bytes => JournalCheckpoint.Parse(bytes), ThrowsFormatException: true),
        ];
    }

    /// <summary>The valid envelope with its payload replaced by <paramref name="payload"/> and signed again by the same keys.</summary>
    public static byte[] Resigned(FuzzTarget target, byte[] payload)
    {
        var envelope = EnvelopeJson.Parse(target.Valid);
        return EnvelopeJson.Serialize(Envelope.Sign(envelope.PayloadType, payload, target.Signers));
    }

    /// <summary>The decoded payload of a target's valid envelope.</summary>
    public static byte[] PayloadOf(FuzzTarget target) => EnvelopeJson.Parse(target.Valid).Payload.ToArray();

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    // The string APIs take text; invalid UTF-8 becomes U+FFFD here exactly as it would in a caller's decoding.
    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
