using System.Text;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;
using ActorTrust.Core.Tests.TestSupport;
using static ActorTrust.Core.Domains.DomainRejectionCodes;
using static ActorTrust.Core.Tests.Domains.DomainFixtures;

using ActorTrust.TestKit.Entities;

namespace ActorTrust.Core.Tests.Domains;

public sealed class DomainCreationTests
{
    [Fact]
    public void Version_one_self_signed_by_a_threshold_of_its_roots_creates_the_domain()
    {
        var v1 = V1(threshold: 2);

        var created = Spec().When(Create(v1, 0, 2), Now).ShouldEmitSingle<DomainEvent, DomainCreated>();

        created.DomainId.ShouldBe(DomainId);
        ActorTrustJson.ToCanonicalBytes(created.Manifest).ShouldBe(ActorTrustJson.ToCanonicalBytes(v1));
        created.ManifestDigest.ShouldBe(DigestOf(v1));
        created.SignedBy.ShouldBe([Key(0).PublicKey.KeyId, Key(2).PublicKey.KeyId], ignoreOrder: true);
        created.AcceptedAt.ShouldBe(Now);
        EnvelopeJson.Parse(Encoding.UTF8.GetBytes(created.Envelope)).Payload.ShouldBe(ActorTrustJson.ToCanonicalBytes(v1));
    }

    [Fact]
    public void Created_domain_state_holds_version_one_as_current()
    {
        var spec = Created(out var v1);

        spec.State.DomainId.ShouldBe(DomainId);
        spec.State.Current.ShouldNotBeNull().Version.ShouldBe(1);
        spec.State.Current.ManifestDigest.ShouldBe(DigestOf(v1));
        spec.State.Current.SupersededAt.ShouldBeNull();
    }

    [Fact]
    public void Resubmitting_the_current_manifest_is_accepted_with_no_events()
    {
        var spec = Created(out var v1);

        spec.When(Create(v1, 1, 2), Now.AddHours(1)).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void Creating_an_existing_domain_with_another_manifest_is_refused()
    {
        var spec = Created(out _);

        spec.When(Create(V1(threshold: 1), 0), Now).ShouldBeRejectedWith(DomainExists);
    }

    [Fact]
    public void Unreadable_envelope_is_refused()
    {
        Spec().When(new CreateDomain("{\"payload\":"), Now).ShouldBeRejectedWith(EnvelopeMalformed);
    }

    [Fact]
    public void Envelope_of_another_payload_type_is_refused()
    {
        var envelope = Envelope.Sign(PayloadTypes.AgentManifest, ActorTrustJson.ToCanonicalBytes(V1()), TestKeys.Signer(0), TestKeys.Signer(1));

        Spec().When(new CreateDomain(Encoding.UTF8.GetString(EnvelopeJson.Serialize(envelope))), Now)
            .ShouldBeRejectedWith(PayloadTypeUnsupported);
    }

    [Fact]
    public void Manifest_with_an_unknown_schema_is_refused()
    {
        Spec().When(Create(V1() with { Schema = "actortrust.authority-manifest/v2" }, 0, 1), Now).ShouldBeRejectedWith(UnsupportedSchema);
    }

    [Fact]
    public void Manifest_for_another_domain_is_refused()
    {
        Spec().When(Create(V1() with { DomainId = "other.example" }, 0, 1), Now).ShouldBeRejectedWith(DomainIdMismatch);
    }

    [Fact]
    public void Domain_cannot_be_created_from_a_later_version()
    {
        var v2 = V2(V1()) with { RootKeys = [.. V1Roots.Select(TestKeys.Hex)] };

        Spec().When(Create(v2, 0, 1), Now).ShouldBeRejectedWith(InitialVersionNotOne);
    }

    [Fact]
    public void Manifest_already_expired_is_refused()
    {
        Spec().When(Create(V1(expiresAt: Now), 0, 1), Now).ShouldBeRejectedWith(ManifestExpired);
    }

    [Fact]
    public void Manifest_signed_by_fewer_roots_than_the_threshold_is_refused()
    {
        Spec().When(Create(V1(threshold: 2), 0), Now).ShouldBeRejectedWith(SignatureThresholdNotMet);
    }

    [Fact]
    public void One_root_signing_twice_does_not_meet_a_threshold_of_two()
    {
        Spec().When(Create(V1(threshold: 2), 0, 0), Now).ShouldBeRejectedWith(SignatureThresholdNotMet);
    }

    [Fact]
    public void Manifest_signed_by_principals_instead_of_roots_is_refused()
    {
        Spec().When(Create(V1(threshold: 2), 20, 21), Now).ShouldBeRejectedWith(SignatureThresholdNotMet);
    }
}
