using System.Text;
using System.Text.Json.Nodes;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Json;
using ActorTrust.Core.Tests.TestSupport;
using static ActorTrust.Core.Agents.AgentRejectionCodes;
using static ActorTrust.Core.Agents.ManifestVerdictStatus;
using static ActorTrust.Core.Tests.Agents.AgentFixtures;

namespace ActorTrust.Core.Tests.Agents;

/// <summary>
/// Generates the Agent Manifest vectors from fixed seeds (the <see cref="TestKeys"/> pool: key i has 32 seed
/// bytes of value i + 1). Ed25519 is deterministic, so the same code always writes the same files.
/// </summary>
internal static class AgentManifestVectorSet
{
    private static readonly VectorContext Context = new(Now, Authority);

    public static IReadOnlyList<AgentManifestVector> All() =>
    [
        V("AM-001", "valid manifest signed by a publisher, all expected hashes match", Signed(Manifest()),
            Context with { ExpectedHashes = new(PromptHash, PolicyHash, CatalogHash) }, Valid, ManifestVerdict.ValidCode),
        V("AM-002", "system prompt hash drift", Signed(Manifest()), Context with { ExpectedHashes = new(PromptHash: Drift) }, Mismatch, PromptHashMismatch),
        V("AM-003", "policy bundle hash drift", Signed(Manifest()), Context with { ExpectedHashes = new(PolicyBundleHash: Drift) }, Mismatch, PolicyBundleHashMismatch),
        V("AM-004", "tool catalog hash drift", Signed(Manifest()), Context with { ExpectedHashes = new(ToolCatalogHash: Drift) }, Mismatch, ToolCatalogHashMismatch),
        V("AM-005", "evaluated at expires_at", Signed(Manifest()), Context with { Now = Manifest().ExpiresAt }, ManifestVerdictStatus.Expired, AgentRejectionCodes.Expired),
        V("AM-006", "manifest id on the revocation list", Signed(Manifest()), Context with { Revocations = new(["m-1"], []) }, ManifestVerdictStatus.Revoked, AgentRejectionCodes.Revoked),
        V("AM-007", "agent on the revocation list", Signed(Manifest()), Context with { Revocations = new([], [AgentId]) }, ManifestVerdictStatus.Revoked, AgentRejectionCodes.Revoked),
        V("AM-008", "envelope with no signatures", Unsigned(), Context, ManifestVerdictStatus.SignatureMissing, AgentRejectionCodes.SignatureMissing),
        V("AM-009", "no trusted issuer authority", Signed(Manifest()), Context with { Authority = null }, Unverifiable, NoTrustedAuthority),
        V("AM-010", "signed by a key the issuer domain does not know", Sign(Manifest(issuerKey: Outsider), Outsider), Context, Unverifiable, SignerUnknown),
        V("AM-011", "issuer domain authority expired", Signed(Manifest()), Context with { Authority = Authority with { ExpiresAt = Now } }, Unverifiable, AuthorityExpired),
        V("AM-012", "unsupported schema", Signed(Manifest() with { Schema = "actortrust.agent-manifest/v2" }), Context, ManifestVerdictStatus.IncompatibleVersion, AgentRejectionCodes.IncompatibleVersion),
        V("AM-013", "agent_id altered after signing", AlteredAfterSigning(), Context, Mismatch, SignatureInvalid),
        V("AM-014", "signed by an auditor, not a publisher", Sign(Manifest(issuerKey: Auditor), Auditor), Context, Mismatch, SignerNotPublisher),
        V("AM-015", "issuer_key_id names a publisher that did not sign", Sign(Manifest(issuerKey: OtherPublisher), Publisher), Context, Mismatch, IssuerKeyNotSigner),
        V("AM-016", "issuer is not the trusted domain", Signed(Manifest() with { Issuer = "other.example", AgentId = SpiffeId.Parse("spiffe://other.example/agent/a") }), Context, Mismatch, IssuerMismatch),
        V("AM-017", "agent trust domain only shares a prefix with the issuer", Signed(Manifest() with { AgentId = SpiffeId.Parse("spiffe://factory.example.evil/agent/a") }), Context, Mismatch, AgentOutsideIssuerDomain),
        V("AM-018", "issued_at beyond the one-minute clock skew", Signed(Manifest(issuedAt: Now.AddMinutes(2))), Context, Mismatch, IssuedInFuture),
        V("AM-019", "unknown member in the signed payload", Raw(Edit(o => o["extra"] = true)), Context, Incomplete, ManifestMalformed),
        V("AM-020", "signed payload without prompt_hash", Raw(Edit(o => o.Remove("prompt_hash"))), Context, Incomplete, ManifestMalformed),
        V("AM-021", "signed payload is not canonical JSON", Raw(Edit(_ => { }).Replace(",", ", ", StringComparison.Ordinal)), Context, Incomplete, ManifestNotCanonical),
        V("AM-022", "signed payload repeats a member", Raw(Edit(_ => { }).Replace("{", "{\"agent_id\":\"spiffe://factory.example/agent/x\",", StringComparison.Ordinal)), Context, Incomplete, ManifestNotCanonical),
        V("AM-023", "expires_at before issued_at", Signed(Manifest(issuedAt: Now, expiresAt: Now.AddSeconds(-1))), Context, Incomplete, ManifestInvalid),
        V("AM-024", "manifest signed as another payload type", SignRaw(PayloadTypes.TrustRecord, Edit(_ => { }), Publisher), Context, Mismatch, PayloadTypeUnsupported),
        V("AM-025", "valid with an extra signature by an unknown key (ignored)", Sign(Manifest(), Outsider, Publisher), Context, Valid, ManifestVerdict.ValidCode),
        V("AM-026", "issuer authority lists the signer without publisher", Signed(Manifest()),
            Context with { Authority = Authority with { Principals = [Principal(Publisher, DomainRole.Auditor), Principal(OtherPublisher, DomainRole.Publisher)] } }, Mismatch, SignerNotPublisher),
    ];

    private static readonly Digest Drift = Digest.Sha256("a different artifact"u8);

    private static AgentManifestVector V(string id, string description, string envelope, VectorContext context, ManifestVerdictStatus verdict, string code) =>
        new(id, description, CanonicalJson.Parse(Encoding.UTF8.GetBytes(envelope))!.AsObject(), context, new VectorExpectation(verdict, code));

    private static string Unsigned() =>
        $$"""{"payload":"{{Convert.ToBase64String(ActorTrustJson.ToCanonicalBytes(Manifest()))}}","payloadType":"{{PayloadTypes.AgentManifest}}","signatures":[]}""";

    private static string AlteredAfterSigning()
    {
        var envelope = AgentManifestSigning.Sign(Manifest(), TestKeys.Signer(Publisher));
        var altered = ActorTrustJson.ToCanonicalBytes(Manifest() with { AgentId = SpiffeId.Parse("spiffe://factory.example/agent/impostor") });
        return Text(envelope with { Payload = altered });
    }

    // The canonical manifest m-1 as JSON text after an edit of its members.
    private static string Edit(Action<JsonObject> edit)
    {
        var node = CanonicalJson.Parse(ActorTrustJson.ToCanonicalBytes(Manifest()))!.AsObject();
        edit(node);
        return Encoding.UTF8.GetString(CanonicalJson.Serialize(node));
    }

    private static string Raw(string json) => SignRaw(PayloadTypes.AgentManifest, json, Publisher);
}
