using ActorTrust.Core.Agents;
using ActorTrust.Core.Domains;
using static ActorTrust.Core.Tests.Agents.AgentFixtures;
using DomainSpec = ActorTrust.Core.Tests.Domains.DomainFixtures;

using ActorTrust.TestKit.Entities;

namespace ActorTrust.Core.Tests.Agents;

/// <summary>The runtime's path: read the issuer domain entity's current version, hand it to the agent decider.</summary>
public sealed class IssuerAuthorityFromDomainTests
{
    private static DeciderSpec<DomainState, DomainCommand, DomainEvent> Domain(out DomainAuthorityManifest v1)
    {
        v1 = DomainSpec.Manifest(1, DomainSpec.V1Roots, 2, principals: [Principal(Publisher, DomainRole.Publisher), Principal(Auditor, DomainRole.Auditor)]);
        var spec = DomainSpec.Spec();
        spec.Apply(DomainSpec.Create(v1, 0, 1), Now.AddDays(-10));
        return spec;
    }

    [Fact]
    public void Agent_registered_under_the_domain_entity_authority_records_that_version_and_digest()
    {
        var domain = Domain(out var v1);
        var authority = IssuerAuthority.From(domain.State.Current!);

        var registered = Spec().When(new RegisterAgent(Signed(Manifest()), authority), Now).ShouldEmitSingle<AgentEvent, AgentRegistered>();

        registered.Authority.ShouldBe(new AuthorityReference(DomainId, 1, DomainSpec.DigestOf(v1)));
        domain.State.KeyHeldRole(registered.Manifest.IssuerKeyId, DomainRole.Publisher, registered.Authority.Version).ShouldBeTrue();
    }

    [Fact]
    public void Publisher_removed_by_a_domain_rotation_can_no_longer_rotate_the_agent()
    {
        var domain = Domain(out var v1);
        var agent = Spec();
        agent.Apply(new RegisterAgent(Signed(Manifest()), IssuerAuthority.From(domain.State.Current!)), Now);
        var v2 = DomainSpec.Manifest(2, DomainSpec.V2Roots, 2, DomainSpec.DigestOf(v1), [Principal(OtherPublisher, DomainRole.Publisher)]);
        domain.Apply(DomainSpec.Rotate(v2, 0, 1, 3, 4), Now);

        var byRemovedKey = Manifest("m-2", "m-1", Publisher, issuedAt: Now.AddMinutes(-1));

        agent.When(new RotateAgent(Signed(byRemovedKey), IssuerAuthority.From(domain.State.Current!)), Now)
            .ShouldBeRejectedWith(AgentRejectionCodes.SignerUnknown);
    }

    [Fact]
    public void Expired_issuer_domain_vouches_for_no_agent()
    {
        var v1 = DomainSpec.Manifest(1, DomainSpec.V1Roots, 1, principals: [Principal(Publisher, DomainRole.Publisher)], expiresAt: Now);
        var domain = DomainSpec.Spec();
        domain.Apply(DomainSpec.Create(v1, 0), Now.AddDays(-1));

        Spec().When(new RegisterAgent(Signed(Manifest()), IssuerAuthority.From(domain.State.Current!)), Now)
            .ShouldBeRejectedWith(AgentRejectionCodes.AuthorityExpired);
    }
}
