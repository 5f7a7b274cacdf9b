using System.Text;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;
using ActorTrust.Core.Tests.TestSupport;
using static ActorTrust.Core.Domains.DomainRejectionCodes;
using static ActorTrust.Core.Tests.Domains.DomainFixtures;

using ActorTrust.TestKit.Entities;

namespace ActorTrust.Core.Tests.Domains;

public sealed class DomainRotationTests
{
    private static readonly DateTimeOffset Later = Now.AddDays(1);

    [Fact]
    public void Next_version_signed_by_thresholds_of_old_and_new_roots_is_accepted()
    {
        var spec = Created(out var v1);
        var v2 = V2(v1);

        var rotated = spec.When(Rotate(v2, 0, 1, 3, 4), Later).ShouldEmitSingle<DomainEvent, DomainRotated>();

        rotated.Manifest.Version.ShouldBe(2);
        rotated.ManifestDigest.ShouldBe(DigestOf(v2));
        rotated.PreviousManifestDigest.ShouldBe(DigestOf(v1));
        rotated.SignedByPreviousRoots.ShouldBe([Key(0).PublicKey.KeyId, Key(1).PublicKey.KeyId], ignoreOrder: true);
        rotated.SignedByNewRoots.ShouldBe([Key(3).PublicKey.KeyId, Key(4).PublicKey.KeyId], ignoreOrder: true);
    }

    [Fact]
    public void Rotation_supersedes_the_previous_version_and_keeps_it_in_history()
    {
        var spec = Created(out var v1);
        spec.Apply(Rotate(V2(v1), 0, 1, 3, 4), Later);

        spec.State.Versions.Count.ShouldBe(2);
        spec.State.Current!.Version.ShouldBe(2);
        spec.State.VersionOf(1)!.SupersededAt.ShouldBe(Later);
        spec.State.Current.AcceptedAt.ShouldBe(Later);
    }

    [Fact]
    public void Rotating_a_domain_that_does_not_exist_is_refused()
    {
        Spec().When(Rotate(V2(V1()), 0, 1, 3, 4), Now).ShouldBeRejectedWith(DomainNotFound);
    }

    [Fact]
    public void Resubmitting_the_current_manifest_as_a_rotation_emits_nothing()
    {
        var spec = Created(out var v1);
        var v2 = V2(v1);
        spec.Apply(Rotate(v2, 0, 1, 3, 4), Later);

        spec.When(Rotate(v2, 3, 4), Later).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void Rotation_without_a_threshold_of_the_previous_roots_is_refused()
    {
        var spec = Created(out var v1);

        spec.When(Rotate(V2(v1), 0, 3, 4), Later).ShouldBeRejectedWith(PreviousRootsThresholdNotMet);
    }

    [Fact]
    public void Rotation_without_a_threshold_of_its_own_roots_is_refused()
    {
        var spec = Created(out var v1);

        spec.When(Rotate(V2(v1), 0, 1, 3), Later).ShouldBeRejectedWith(SignatureThresholdNotMet);
    }

    [Fact]
    public void One_old_root_signing_twice_never_meets_a_threshold_of_two()
    {
        var spec = Created(out var v1);

        spec.When(Rotate(V2(v1), 0, 0, 3, 4), Later).ShouldBeRejectedWith(PreviousRootsThresholdNotMet);
    }

    [Theory]
    [InlineData(1, "repeats the current version")]
    [InlineData(3, "skips a version")]
    [InlineData(4, "skips a version")]
    public void Rotation_to_any_version_but_the_next_is_refused(long version, string because)
    {
        var spec = Created(out var v1);

        var decision = spec.When(Rotate(V2(v1) with { Version = version, PreviousManifestDigest = version == 1 ? null : DigestOf(v1) }, 0, 1, 3, 4), Later);

        decision.ShouldBeRejectedWith(RotationVersionNotNext);
        decision.Rejection!.Message.ShouldContain(because);
    }

    [Fact]
    public void Rotation_to_the_current_version_number_with_other_content_is_refused()
    {
        var spec = Created(out var v1);
        var v2 = V2(v1);
        spec.Apply(Rotate(v2, 0, 1, 3, 4), Later);

        spec.When(Rotate(v2 with { RootThreshold = 3 }, 3, 4, 5), Later).ShouldBeRejectedWith(RotationVersionNotNext);
    }

    [Fact]
    public void Rollback_to_an_earlier_version_is_refused()
    {
        var spec = Created(out var v1);
        var v2 = V2(v1);
        spec.Apply(Rotate(v2, 0, 1, 3, 4), Later);
        var v3 = Manifest(3, [6, 7], 1, DigestOf(v2));
        spec.Apply(Rotate(v3, 3, 4, 6), Later);

        var decision = spec.When(Rotate(Manifest(2, [6, 7], 1, DigestOf(v1)), 6, 7), Later);

        decision.ShouldBeRejectedWith(RotationVersionNotNext);
        decision.Rejection!.Message.ShouldContain("rollback");
    }

    [Fact]
    public void Rotation_that_does_not_chain_to_the_current_digest_is_refused()
    {
        var spec = Created(out var v1);

        spec.When(Rotate(V2(V1(threshold: 1)), 0, 1, 3, 4), Later).ShouldBeRejectedWith(PreviousDigestMismatch);
    }

    [Fact]
    public void Rotation_when_the_current_manifest_has_expired_is_refused()
    {
        var spec = Created(out var v1, expiresAt: Now.AddHours(1));

        spec.When(Rotate(V2(v1), 0, 1, 3, 4), Now.AddHours(1)).ShouldBeRejectedWith(CurrentManifestExpired);
    }

    [Fact]
    public void Rotation_just_before_the_current_manifest_expires_is_accepted()
    {
        var spec = Created(out var v1, expiresAt: Now.AddHours(1));

        spec.When(Rotate(V2(v1), 0, 1, 3, 4), Now.AddHours(1).AddTicks(-1)).ShouldBeAccepted().Count.ShouldBe(1);
    }

    [Fact]
    public void Rotation_to_an_already_expired_manifest_is_refused()
    {
        var spec = Created(out var v1);

        spec.When(Rotate(V2(v1) with { ExpiresAt = Later }, 0, 1, 3, 4), Later).ShouldBeRejectedWith(ManifestExpired);
    }

    [Fact]
    public void Rotation_to_a_manifest_for_another_domain_is_refused()
    {
        var spec = Created(out var v1);

        spec.When(Rotate(V2(v1) with { DomainId = "other.example" }, 0, 1, 3, 4), Later).ShouldBeRejectedWith(DomainIdMismatch);
    }

    [Fact]
    public void Rotation_envelope_of_another_payload_type_is_refused_after_its_signatures_verify()
    {
        var spec = Created(out var v1);
        var envelope = Envelope.Sign(PayloadTypes.TrustRecord, ActorTrustJson.ToCanonicalBytes(V2(v1)),
            TestKeys.Signer(0), TestKeys.Signer(1), TestKeys.Signer(3), TestKeys.Signer(4));

        spec.When(new RotateDomain(Encoding.UTF8.GetString(EnvelopeJson.Serialize(envelope))), Later)
            .ShouldBeRejectedWith(PayloadTypeUnsupported);
    }

    [Fact]
    public void Unreadable_rotation_envelope_is_refused()
    {
        Created(out _).When(new RotateDomain("[]"), Later).ShouldBeRejectedWith(EnvelopeMalformed);
    }

    [Fact]
    public void Invalid_next_manifest_signed_by_the_previous_roots_is_refused()
    {
        var spec = Created(out var v1);

        spec.When(Rotate(V2(v1) with { RootThreshold = 9 }, 0, 1, 3, 4), Later).ShouldBeRejectedWith(ManifestInvalid);
    }

    [Fact]
    public void Next_version_may_keep_some_previous_roots()
    {
        var spec = Created(out var v1);
        var v2 = Manifest(2, [1, 2, 3], 2, DigestOf(v1));

        spec.When(Rotate(v2, 1, 2), Later).ShouldBeAccepted().Count.ShouldBe(1);
    }
}
