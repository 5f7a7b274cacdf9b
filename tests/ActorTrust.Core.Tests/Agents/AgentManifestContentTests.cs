using ActorTrust.Core.Agents;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using static ActorTrust.Core.Agents.AgentRejectionCodes;
using static ActorTrust.Core.Tests.Agents.AgentFixtures;

namespace ActorTrust.Core.Tests.Agents;

public sealed class AgentManifestContentTests
{
    private static string ManifestJson(string members) =>
        "{\"agent_id\":\"spiffe://factory.example/agent/a\",\"expires_at\":\"2026-04-01T00:00:00+00:00\"," + members
        + $"\"issued_at\":\"2026-03-01T00:00:00+00:00\",\"issuer\":\"factory.example\",\"issuer_key_id\":\"{KeyId(Publisher)}\","
        + $"\"manifest_id\":\"m-1\",\"policy_bundle_hash\":\"{PolicyHash}\",\"prompt_hash\":\"{PromptHash}\","
        + $"\"schema\":\"actortrust.agent-manifest/v1\",\"tool_catalog_hash\":\"{CatalogHash}\"}}";

    [Fact]
    public void Hand_written_canonical_manifest_is_valid()
    {
        Verify(SignRaw(PayloadTypes.AgentManifest, ManifestJson(""), Publisher)).ShouldBe(ManifestVerdictStatus.Valid, ManifestVerdict.ValidCode);
    }

    [Fact]
    public void Unknown_member_in_the_signed_payload_is_incomplete()
    {
        Verify(SignRaw(PayloadTypes.AgentManifest, ManifestJson("\"extra\":true,"), Publisher)).ShouldBe(ManifestVerdictStatus.Incomplete, ManifestMalformed);
    }

    [Fact]
    public void Missing_member_is_incomplete()
    {
        var json = ManifestJson("").Replace($"\"prompt_hash\":\"{PromptHash}\",", "", StringComparison.Ordinal);

        Verify(SignRaw(PayloadTypes.AgentManifest, json, Publisher)).ShouldBe(ManifestVerdictStatus.Incomplete, ManifestMalformed);
    }

    [Fact]
    public void Non_canonical_payload_is_incomplete()
    {
        Verify(SignRaw(PayloadTypes.AgentManifest, ManifestJson("").Replace(",", ", ", StringComparison.Ordinal), Publisher))
            .ShouldBe(ManifestVerdictStatus.Incomplete, ManifestNotCanonical);
    }

    [Theory]
    [InlineData("actortrust.agent-manifest/v2")]
    [InlineData("0.1")]
    public void Other_schema_is_an_incompatible_version(string schema)
    {
        Verify(Signed(Manifest() with { Schema = schema })).ShouldBe(ManifestVerdictStatus.IncompatibleVersion, IncompatibleVersion);
    }

    public static TheoryData<string, AgentManifest> BrokenRules() => new()
    {
        { "expires before issued", Manifest(issuedAt: Now, expiresAt: Now) },
        { "manifest id with a space", Manifest(manifestId: "m 1") },
        { "empty manifest id", Manifest(manifestId: "") },
        { "previous equals own id", Manifest(previous: "m-1") },
        { "issuer not a trust domain", Manifest() with { Issuer = "Factory.Example" } },
        { "agent id without a path", Manifest() with { AgentId = SpiffeId.Parse("spiffe://factory.example") } },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public void Manifest_breaking_a_rule_is_incomplete(string rule, AgentManifest manifest)
    {
        var verdict = Verify(Signed(manifest));

        verdict.Code.ShouldBe(ManifestInvalid, rule);
        verdict.Status.ShouldBe(ManifestVerdictStatus.Incomplete, rule);
    }

    [Fact]
    public void Revoked_manifest_id_is_revoked()
    {
        Verify(Signed(Manifest()), revocations: new RevocationList(["m-1"], [])).ShouldBe(ManifestVerdictStatus.Revoked, Revoked);
    }

    [Fact]
    public void Every_manifest_of_a_revoked_agent_is_revoked()
    {
        Verify(Signed(Manifest("m-9")), revocations: new RevocationList([], [AgentId])).ShouldBe(ManifestVerdictStatus.Revoked, Revoked);
    }

    [Fact]
    public void Manifest_at_its_expiry_is_expired()
    {
        var manifest = Manifest();

        Verify(Signed(manifest), now: manifest.ExpiresAt).ShouldBe(ManifestVerdictStatus.Expired, Expired);
        Verify(Signed(manifest), now: manifest.ExpiresAt.AddTicks(-1)).ShouldBe(ManifestVerdictStatus.Valid, ManifestVerdict.ValidCode);
    }

    [Fact]
    public void Issued_at_beyond_the_clock_skew_is_a_mismatch()
    {
        var skew = AgentManifestVerifier.AllowedClockSkew;

        Verify(Signed(Manifest(issuedAt: Now + skew + TimeSpan.FromSeconds(1)))).ShouldBe(ManifestVerdictStatus.Mismatch, IssuedInFuture);
        Verify(Signed(Manifest(issuedAt: Now + skew))).ShouldBe(ManifestVerdictStatus.Valid, ManifestVerdict.ValidCode);
    }

    [Fact]
    public void Each_drifted_hash_is_a_mismatch_naming_that_hash()
    {
        var envelope = Signed(Manifest());
        var drift = Digest.Sha256("something else"u8);

        Verify(envelope, expected: new ExpectedHashes(PromptHash: drift)).ShouldBe(ManifestVerdictStatus.Mismatch, PromptHashMismatch);
        Verify(envelope, expected: new ExpectedHashes(PolicyBundleHash: drift)).ShouldBe(ManifestVerdictStatus.Mismatch, PolicyBundleHashMismatch);
        Verify(envelope, expected: new ExpectedHashes(ToolCatalogHash: drift)).ShouldBe(ManifestVerdictStatus.Mismatch, ToolCatalogHashMismatch);
    }
}
