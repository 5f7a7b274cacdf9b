using System.Text;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Tests.TestSupport;
using static ActorTrust.Core.Domains.DomainRejectionCodes;
using static ActorTrust.Core.Tests.Domains.DomainFixtures;

using ActorTrust.TestKit.Entities;

namespace ActorTrust.Core.Tests.Domains;

public sealed class DomainManifestValidationTests
{
    // The identity point (y = 1): small order, so anyone can forge signatures that verify under it.
    private const string SmallOrderKey = "0100000000000000000000000000000000000000000000000000000000000000";

    public static TheoryData<string, string, DomainAuthorityManifest> InvalidManifests()
    {
        var v1 = V1();
        var smallOrder = Ed25519PublicKey.Create(Convert.FromHexString(SmallOrderKey));
        return new()
        {
            { "key id is not the key's", "key_id is", v1 with { Principals = [Principal(20, DomainRole.Publisher) with { KeyId = Key(21).PublicKey.KeyId }] } },
            { "duplicate principal", "repeats an earlier principal", v1 with { Principals = [Principal(20, DomainRole.Publisher), Principal(20, DomainRole.Auditor)] } },
            { "duplicate root", "repeats an earlier root", v1 with { RootKeys = [TestKeys.Hex(0), TestKeys.Hex(0)], RootThreshold = 1 } },
            { "no roots", "root_keys must list", v1 with { RootKeys = [], RootThreshold = 1 } },
            { "threshold zero", "root_threshold", v1 with { RootThreshold = 0 } },
            { "threshold above root count", "root_threshold", v1 with { RootThreshold = 4 } },
            { "empty roles", "roles is empty", v1 with { Principals = [Principal(20)] } },
            { "repeated role", "repeats a role", v1 with { Principals = [Principal(20, DomainRole.Publisher, DomainRole.Publisher)] } },
            { "small-order principal key", "small-order", v1 with { Principals = [new DomainPrincipal(smallOrder.KeyId, SmallOrderKey, [DomainRole.Publisher])] } },
            { "small-order root key", "small-order", v1 with { RootKeys = [TestKeys.Hex(0), SmallOrderKey], RootThreshold = 1 } },
            { "uppercase hex key", "lowercase hex", v1 with { RootKeys = [TestKeys.Hex(0).ToUpperInvariant(), TestKeys.Hex(1)] } },
            { "short key", "64 lowercase hex", v1 with { RootKeys = [TestKeys.Hex(0)[..62], TestKeys.Hex(1)] } },
            { "root key also a principal", "also a root key", v1 with { Principals = [Principal(0, DomainRole.Publisher)] } },
            { "version zero", "at least 1", v1 with { Version = 0 } },
            { "version one naming a previous digest", "must not name", v1 with { PreviousManifestDigest = Digest.Sha256([1]) } },
            { "domain id with a path", "has a path", v1 with { DomainId = "factory.example/x" } },
            { "uppercase domain id", "lowercase", v1 with { DomainId = "Factory.example" } },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidManifests))]
    public void Manifest_breaking_a_rule_is_refused_as_invalid(string rule, string because, DomainAuthorityManifest manifest)
    {
        DomainAuthorityManifest.TryRead(Payload(manifest), out _, out var rejection).ShouldBeFalse(rule);

        rejection.ShouldNotBeNull().Code.ShouldBe(ManifestInvalid, rule);
        rejection.Message.ShouldContain(because, Case.Sensitive, rule);
    }

    [Fact]
    public void Invalid_manifest_is_refused_by_create_before_its_signatures_count()
    {
        Spec().When(Create(V1() with { RootThreshold = 0 }, 0, 1, 2), Now).ShouldBeRejectedWith(ManifestInvalid);
    }

    [Fact]
    public void Later_version_without_a_previous_digest_is_invalid()
    {
        DomainAuthorityManifest.TryRead(Payload(V1() with { Version = 2 }), out _, out var rejection).ShouldBeFalse();
        rejection!.Message.ShouldContain("previous_manifest_digest");
    }

    [Theory]
    [InlineData("unknown member", "extra", """{"domain_id":"factory.example","extra":1,"principals":[],"root_keys":["{root}"],"root_threshold":1,"schema":"actortrust.authority-manifest/v1","version":1}""")]
    [InlineData("unknown role", "roles", """{"domain_id":"factory.example","principals":[{"key_id":"{kid}","public_key":"{pk}","roles":["root"]}],"root_keys":["{root}"],"root_threshold":1,"schema":"actortrust.authority-manifest/v1","version":1}""")]
    [InlineData("missing threshold", "root_threshold", """{"domain_id":"factory.example","principals":[],"root_keys":["{root}"],"schema":"actortrust.authority-manifest/v1","version":1}""")]
    [InlineData("not canonical (whitespace)", "not canonical", """{"domain_id": "factory.example","principals":[],"root_keys":["{root}"],"root_threshold":1,"schema":"actortrust.authority-manifest/v1","version":1}""")]
    [InlineData("not canonical (member order)", "not canonical", """{"principals":[],"domain_id":"factory.example","root_keys":["{root}"],"root_threshold":1,"schema":"actortrust.authority-manifest/v1","version":1}""")]
    [InlineData("duplicate member", "not canonical", """{"domain_id":"factory.example","domain_id":"factory.example","principals":[],"root_keys":["{root}"],"root_threshold":1,"schema":"actortrust.authority-manifest/v1","version":1}""")]
    public void Malformed_payload_is_refused_as_invalid(string problem, string because, string template)
    {
        var json = template.Replace("{root}", TestKeys.Hex(0), StringComparison.Ordinal)
            .Replace("{pk}", TestKeys.Hex(20), StringComparison.Ordinal)
            .Replace("{kid}", Key(20).PublicKey.KeyId.ToString(), StringComparison.Ordinal);
        var envelope = Envelope.Sign(PayloadTypes.AuthorityManifest, Encoding.UTF8.GetBytes(json), TestKeys.Signer(0));

        var decision = Spec().When(new CreateDomain(Encoding.UTF8.GetString(EnvelopeJson.Serialize(envelope))), Now);

        decision.Rejection.ShouldNotBeNull(problem).Code.ShouldBe(ManifestInvalid, problem);
        decision.Rejection.Message.ShouldContain(because, Case.Sensitive, problem);
    }

    [Fact]
    public void Well_formed_payload_written_by_hand_is_read()
    {
        var json = $$"""{"domain_id":"factory.example","principals":[],"root_keys":["{{TestKeys.Hex(0)}}"],"root_threshold":1,"schema":"actortrust.authority-manifest/v1","version":1}""";

        DomainAuthorityManifest.TryRead(Encoding.UTF8.GetBytes(json), out var manifest, out _).ShouldBeTrue();
        manifest!.RootPublicKeys().ShouldBe([Key(0).PublicKey]);
    }

    private static byte[] Payload(DomainAuthorityManifest manifest) => ActorTrust.Core.Json.ActorTrustJson.ToCanonicalBytes(manifest);
}
