using ActorTrust.Core.Agents;
using ActorTrust.Core.Identity;
using static ActorTrust.Core.Agents.AgentRejectionCodes;
using static ActorTrust.Core.Tests.Agents.AgentFixtures;

using ActorTrust.TestKit.Entities;

namespace ActorTrust.Core.Tests.Agents;

public sealed class AgentRegistrationTests
{
    [Fact]
    public void First_manifest_signed_by_a_publisher_registers_the_agent_and_records_the_authority_used()
    {
        var manifest = Manifest();

        var registered = Spec().When(new RegisterAgent(Signed(manifest), Authority), Now).ShouldEmitSingle<AgentEvent, AgentRegistered>();

        registered.AgentId.ShouldBe(AgentId);
        registered.Manifest.ManifestId.ShouldBe("m-1");
        registered.Authority.ShouldBe(new AuthorityReference(DomainId, 3, Authority.ManifestDigest));
        registered.AcceptedAt.ShouldBe(Now);
        Verify(registered.Envelope).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Registered_agent_is_active_with_binding_facts_for_session_admission()
    {
        var spec = Registered(out var manifest);

        spec.State.Status.ShouldBe(AgentStatus.Active);
        spec.State.Current!.Manifest.ManifestId.ShouldBe("m-1");
        spec.State.Binding.ShouldBe(new AgentBinding(
            AgentId, "m-1", spec.State.Current.ManifestDigest, DomainId, KeyId(Publisher), PromptHash, PolicyHash, CatalogHash, manifest.ExpiresAt));
        spec.State.Revocations.ShouldBe(RevocationList.None);
    }

    [Fact]
    public void Resubmitting_the_registered_manifest_emits_nothing()
    {
        var spec = Registered(out var manifest);

        spec.When(new RegisterAgent(Signed(manifest), Authority), Now.AddMinutes(5)).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void Registering_an_agent_that_already_has_a_manifest_is_refused()
    {
        var spec = Registered(out _);

        spec.When(new RegisterAgent(Signed(Manifest("m-2")), Authority), Now).ShouldBeRejectedWith(AgentExists);
    }

    [Fact]
    public void Manifest_for_another_agent_is_refused()
    {
        var spec = Spec("spiffe://factory.example/agent/someone-else");

        spec.When(new RegisterAgent(Signed(Manifest()), Authority), Now).ShouldBeRejectedWith(AgentIdMismatch);
    }

    [Fact]
    public void First_manifest_naming_a_previous_manifest_is_refused()
    {
        Spec().When(new RegisterAgent(Signed(Manifest("m-2", previous: "m-1")), Authority), Now).ShouldBeRejectedWith(FirstManifestHasPrevious);
    }

    [Fact]
    public void Registration_without_an_issuer_authority_is_refused_as_unverifiable()
    {
        Spec().When(new RegisterAgent(Signed(Manifest()), null), Now).ShouldBeRejectedWith(NoTrustedAuthority);
    }

    [Fact]
    public void Registration_refused_by_the_verifier_carries_the_verifier_code()
    {
        Spec().When(new RegisterAgent(Sign(Manifest(issuerKey: Auditor), Auditor), Authority), Now).ShouldBeRejectedWith(SignerNotPublisher);
        Spec().When(new RegisterAgent(Signed(Manifest()), Authority), Now.AddDays(30)).ShouldBeRejectedWith(Expired);
        Spec().When(new RegisterAgent("not json", Authority), Now).ShouldBeRejectedWith(EnvelopeMalformed);
    }

    [Fact]
    public void Registering_a_revoked_agent_is_refused()
    {
        var spec = Registered(out _);
        spec.Apply(new RevokeAgent(SignRevocation(Revocation(), Auditor), Authority), Now);

        spec.When(new RegisterAgent(Signed(Manifest("m-2")), Authority), Now).ShouldBeRejectedWith(Revoked);
    }

    [Fact]
    public void Agent_of_another_trust_domain_cannot_be_registered_by_this_issuer()
    {
        var foreign = SpiffeId.Parse("spiffe://other.example/agent/a");
        var spec = Spec(foreign.ToString());

        spec.When(new RegisterAgent(Signed(Manifest() with { AgentId = foreign }), Authority), Now).ShouldBeRejectedWith(AgentOutsideIssuerDomain);
    }
}
