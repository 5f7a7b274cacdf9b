using System.Text;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Federation;
using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;
using static ActorTrust.Core.Tests.Federation.FederationFixtures;

namespace ActorTrust.Core.Tests.Federation;

public sealed class GrantTests
{
    private const long Day = 86_400;

    [Fact]
    public void A_grant_without_ttl_lasts_thirty_days_and_keeps_only_the_credential_digest()
    {
        var run = PeerRun.In(PeerStatus.Active);

        var issued = run.Apply(Grant()).ShouldHaveSingleItem().ShouldBeOfType<GrantIssued>();

        issued.ExpiresAt.ShouldBe(run.Clock.AddDays(30));
        issued.CredentialDigest.ShouldBe(BearerSecret.DigestOf(BearerSecret.GrantCredentialPurpose, Credential));
        issued.RemoteSubject.ShouldBe("alice@peer-b.example");
        Encoding.UTF8.GetString(EventCatalog<PeerEvent>.FromAssembly().Serialize(issued)).ShouldNotContain(Credential);
    }

    [Theory]
    [InlineData(7 * Day, true)]
    [InlineData((7 * Day) - 1, false)]
    [InlineData(365 * Day, true)]
    [InlineData((365 * Day) + 1, false)]
    [InlineData(0, false)]
    public void The_ttl_is_bounded_by_seven_and_365_days(long ttlSeconds, bool accepted)
    {
        var decision = PeerRun.In(PeerStatus.Active).When(Grant(request: Request(ttlSeconds: ttlSeconds)));

        if (accepted)
        {
            decision.ShouldEmitSingle<PeerEvent, GrantIssued>().ExpiresAt.ShouldBe(Now.AddMinutes(3).AddSeconds(ttlSeconds));
        }
        else
        {
            decision.ShouldBeRejectedWith(GrantTtlOutOfBounds);
        }
    }

    [Fact]
    public void A_grant_is_honoured_until_its_expiry_and_not_a_millisecond_after()
    {
        var run = PeerRun.In(PeerStatus.Active);
        var expiresAt = run.Apply(Grant()).OfType<GrantIssued>().Single().ExpiresAt;

        run.Advance(expiresAt - run.Clock - TimeSpan.FromMilliseconds(1)).Apply(Use()).ShouldHaveSingleItem().ShouldBeOfType<GrantExercised>();
        var refused = run.Advance(TimeSpan.FromMilliseconds(1)).Record(Use());

        refused.Rejection!.Code.ShouldBe(GrantNotHonoured);
        refused.Events.ShouldHaveSingleItem().ShouldBeOfType<PeerCommandRefused>();
    }

    [Fact]
    public void A_wrong_credential_or_unknown_grant_is_refused_alike_and_recorded()
    {
        var run = PeerRun.In(PeerStatus.Active);
        run.Apply(Grant());

        var wrong = run.Record(Use(credential: Credential[..^1] + "c"));
        var unknown = run.Record(Use(id: "g-404"));
        var grantIdAsCredential = run.Record(Use(credential: "g-1"));

        new[] { wrong, unknown, grantIdAsCredential }.ShouldAllBe(d => d.Rejection!.Code == GrantCredentialInvalid && d.Rejection.Message == "the grant id or credential is wrong");
        run.Spec.History.OfType<PeerCommandRefused>().Count().ShouldBe(3);
    }

    [Fact]
    public void The_grant_id_can_never_be_the_credential()
    {
        PeerRun.In(PeerStatus.Active).When(Grant(id: Credential)).ShouldBeRejectedWith(CommandInvalid);
        PeerRun.In(PeerStatus.Active).When(Grant(credential: "short")).ShouldBeRejectedWith(CommandInvalid);
    }

    [Fact]
    public void Scope_and_kind_must_be_covered()
    {
        var run = PeerRun.In(PeerStatus.Active);
        run.Apply(Grant());

        run.Record(Use(scope: GrantScope.Write)).Rejection!.Code.ShouldBe(GrantScopeNotCovered);
        run.Record(Use(kind: "dataset")).Rejection!.Code.ShouldBe(GrantScopeNotCovered);
        run.Record(Use()).IsAccepted.ShouldBeTrue();
    }

    [Fact]
    public void Restrictions_limit_instances_networks_and_source_addresses()
    {
        var run = PeerRun.In(PeerStatus.Active);
        run.Apply(Grant(request: Request(restrictions: new(["i-1"], ["net-a"], ["10.20.0.0/16", "2001:db8::/32"]))));

        run.Record(Use(instance: "i-1", network: "net-a", source: "10.20.3.4")).IsAccepted.ShouldBeTrue();
        run.Record(Use(instance: "i-1", network: "net-a", source: "::ffff:10.20.3.4")).IsAccepted.ShouldBeTrue();
        run.Record(Use(instance: "i-1", network: "net-a", source: "2001:db8::7")).IsAccepted.ShouldBeTrue();
        run.Record(Use(instance: "i-2", network: "net-a", source: "10.20.3.4")).Rejection!.Code.ShouldBe(GrantRestricted);
        run.Record(Use(network: "net-a", source: "10.20.3.4")).Rejection!.Code.ShouldBe(GrantRestricted);
        run.Record(Use(instance: "i-1", network: "net-b", source: "10.20.3.4")).Rejection!.Code.ShouldBe(GrantRestricted);
        run.Record(Use(instance: "i-1", network: "net-a", source: "10.21.0.1")).Rejection!.Code.ShouldBe(GrantRestricted);
        run.Record(Use(instance: "i-1", network: "net-a")).Rejection!.Code.ShouldBe(GrantRestricted);
    }

    [Theory]
    [InlineData("10.20.0.1/16")]
    [InlineData("10.20.0.0/33")]
    [InlineData("not-a-cidr")]
    public void Malformed_cidrs_are_refused_at_issue(string cidr)
    {
        PeerRun.In(PeerStatus.Active).When(Grant(request: Request(restrictions: new([], [], [cidr])))).ShouldBeRejectedWith(CommandInvalid);
    }

    [Fact]
    public void Admin_on_every_kind_needs_the_explicit_operator_flag()
    {
        var mass = Request(GrantScope.Admin, GrantRules.AllKinds);

        PeerRun.In(PeerStatus.Active).When(Grant(request: mass)).ShouldBeRejectedWith(MassScopeNeedsOperatorFlag);
        PeerRun.In(PeerStatus.Active).When(Grant(request: mass with { MassScopeApproved = true })).ShouldEmitSingle<PeerEvent, GrantIssued>().MassScope.ShouldBeTrue();
        PeerRun.In(PeerStatus.Active).When(Grant(request: Request(GrantScope.Admin))).ShouldEmitSingle<PeerEvent, GrantIssued>().MassScope.ShouldBeFalse();
        PeerRun.In(PeerStatus.Active).When(Grant(request: mass) with { Actor = Liveness }).ShouldBeRejectedWith(ActorNotAuthorized);
    }

    [Fact]
    public void Explicit_revocation_ends_a_grant_and_is_idempotent()
    {
        var run = PeerRun.In(PeerStatus.Active);
        run.Apply(Grant());

        run.Apply(new RevokeGrant("g-1", "subject left", Operator)).ShouldHaveSingleItem().ShouldBeOfType<GrantRevoked>().RemoteSubject.ShouldBe("alice@peer-b.example");
        run.When(new RevokeGrant("g-1", "again", Operator)).ShouldBeAccepted().ShouldBeEmpty();
        run.When(new RevokeGrant("g-2", "unknown", Operator)).ShouldBeRejectedWith(GrantNotFound);
        run.Record(Use()).Rejection!.Code.ShouldBe(GrantNotHonoured);
    }

    [Fact]
    public void Grants_are_issued_and_used_only_while_the_peer_federates()
    {
        PeerRun.In(PeerStatus.Accepted).When(Grant()).ShouldBeRejectedWith(PeerNotFederating);
        var run = PeerRun.In(PeerStatus.Active);
        run.Apply(Grant());
        run.Apply(Suspend());

        run.When(Use()).ShouldBeRejectedWith(PeerNotFederating);
        run.When(Grant(id: "g-2")).ShouldBeRejectedWith(PeerNotFederating);
        PeerRun.In(PeerStatus.Degraded).Then(Grant()).When(Use()).IsAccepted.ShouldBeTrue();
        PeerRun.In(PeerStatus.Active).Then(Grant()).When(Grant()).ShouldBeRejectedWith(GrantIdInUse);
    }

    [Fact]
    public void Revoking_the_peer_revokes_every_grant_in_the_same_event()
    {
        var run = PeerRun.In(PeerStatus.Active);
        run.Apply(Grant("g-1"));
        run.Apply(Grant("g-2"));
        run.Apply(new RevokeGrant("g-1", "early", Operator));

        var revoked = run.Apply(Revoke()).ShouldHaveSingleItem().ShouldBeOfType<PeerRevoked>();

        revoked.RevokedGrantIds.ShouldBe(["g-2"]);
        run.State.Grants.ShouldAllBe(g => g.RevokedAt != null && !g.IsHonouredAt(run.Clock));
        run.State.Grant("g-1")!.RevocationReason.ShouldBe("early");
    }
}
