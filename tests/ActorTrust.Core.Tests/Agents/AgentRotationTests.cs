using ActorTrust.Core.Agents;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Hashing;
using static ActorTrust.Core.Agents.AgentRejectionCodes;
using static ActorTrust.Core.Tests.Agents.AgentFixtures;

using ActorTrust.TestKit.Entities;

namespace ActorTrust.Core.Tests.Agents;

public sealed class AgentRotationTests
{
    private static AgentManifest Next(string id = "m-2", string? previous = "m-1", int issuerKey = Publisher) =>
        Manifest(id, previous, issuerKey, issuedAt: Now.AddMinutes(-30));

    [Fact]
    public void Newer_manifest_naming_the_current_one_rotates_the_agent()
    {
        var spec = Registered(out _);

        var rotated = spec.When(new RotateAgent(Signed(Next()), Authority), Now).ShouldEmitSingle<AgentEvent, AgentRotated>();

        rotated.PreviousManifestId.ShouldBe("m-1");
        rotated.Manifest.ManifestId.ShouldBe("m-2");
        rotated.Authority.Version.ShouldBe(3);
    }

    [Fact]
    public void Rotation_makes_the_new_manifest_current_and_remembers_the_old_id()
    {
        var spec = Registered(out _);
        spec.Apply(new RotateAgent(Signed(Next()), Authority), Now);

        spec.State.Current!.Manifest.ManifestId.ShouldBe("m-2");
        spec.State.ManifestIds.ShouldBe(["m-1", "m-2"]);
        spec.State.Binding!.ManifestId.ShouldBe("m-2");
    }

    [Fact]
    public void Rotation_may_be_signed_by_another_publisher_under_a_later_domain_version()
    {
        var spec = Registered(out _);
        var v4 = Authority with { Version = 4, ManifestDigest = Digest.Sha256("v4"u8), Principals = [Principal(OtherPublisher, DomainRole.Publisher)] };

        var rotated = spec.When(new RotateAgent(Signed(Next(issuerKey: OtherPublisher)), v4), Now).ShouldEmitSingle<AgentEvent, AgentRotated>();

        rotated.Authority.ShouldBe(v4.Reference);
    }

    [Fact]
    public void Rotating_an_unregistered_agent_is_refused()
    {
        Spec().When(new RotateAgent(Signed(Next()), Authority), Now).ShouldBeRejectedWith(AgentNotFound);
    }

    [Fact]
    public void Resubmitting_the_current_manifest_as_a_rotation_emits_nothing()
    {
        var spec = Registered(out var first);

        spec.When(new RotateAgent(Signed(first), Authority), Now).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void Rotation_naming_another_previous_manifest_is_refused()
    {
        var spec = Registered(out _);

        spec.When(new RotateAgent(Signed(Next(previous: "m-0")), Authority), Now).ShouldBeRejectedWith(PreviousManifestMismatch);
        spec.When(new RotateAgent(Signed(Next(previous: null)), Authority), Now).ShouldBeRejectedWith(PreviousManifestMismatch);
    }

    [Fact]
    public void Rotation_back_to_an_earlier_manifest_id_is_refused()
    {
        var spec = Registered(out _);
        spec.Apply(new RotateAgent(Signed(Next()), Authority), Now);

        var back = Manifest("m-1", "m-2", issuedAt: Now.AddMinutes(-10));
        spec.When(new RotateAgent(Signed(back), Authority), Now).ShouldBeRejectedWith(ManifestIdReused);
    }

    [Fact]
    public void Rotation_not_issued_after_the_current_manifest_is_refused()
    {
        var spec = Registered(out var first);

        spec.When(new RotateAgent(Signed(Manifest("m-2", "m-1", issuedAt: first.IssuedAt)), Authority), Now).ShouldBeRejectedWith(RotationNotNewer);
    }

    [Fact]
    public void Rotation_to_a_manifest_for_another_agent_is_refused()
    {
        var spec = Registered(out _);
        var other = Next() with { AgentId = SpiffeId.Parse("spiffe://factory.example/agent/other") };

        spec.When(new RotateAgent(Signed(other), Authority), Now).ShouldBeRejectedWith(AgentIdMismatch);
    }

    [Fact]
    public void Rotation_refused_by_the_verifier_carries_the_verifier_code()
    {
        var spec = Registered(out _);

        spec.When(new RotateAgent(Sign(Next(issuerKey: Executor), Executor), Authority), Now).ShouldBeRejectedWith(SignerNotPublisher);
    }

    [Fact]
    public void Rotating_a_revoked_agent_is_refused()
    {
        var spec = Registered(out _);
        spec.Apply(new RevokeAgent(SignRevocation(Revocation(), Auditor), Authority), Now);

        spec.When(new RotateAgent(Signed(Next()), Authority), Now).ShouldBeRejectedWith(Revoked);
    }
}
