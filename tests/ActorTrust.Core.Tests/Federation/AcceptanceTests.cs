using System.Text;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Federation;
using ActorTrust.Core.Federation.Contracts;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Core.Json;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;
using static ActorTrust.Core.Tests.Federation.FederationFixtures;

namespace ActorTrust.Core.Tests.Federation;

public sealed class AcceptanceTests
{
    private static readonly EventCatalog<PeerEvent> Catalog = EventCatalog<PeerEvent>.FromAssembly();

    [Fact]
    public void Accepting_records_the_contract_version_agreed_its_digest_and_signed_at_and_spends_the_token()
    {
        var run = PeerRun.In(PeerStatus.Proposed).Advance(TimeSpan.FromDays(6));

        var accepted = run.Record(Accept()).ShouldEmitSingle<PeerEvent, PeerAccepted>();

        accepted.ShouldBe(new PeerAccepted(1, ContractDigestV1, 1, run.Clock, accepted.Reason, Peer, run.Clock));
        run.State.Contract.ShouldBe(new ContractAgreement(1, ContractDigestV1, run.Clock));
        run.State.Token.ShouldBeNull();
        run.State.TokenSpentAt.ShouldBe(run.Clock);
    }

    [Fact]
    public void The_token_is_single_use_a_second_acceptance_is_refused_and_recorded()
    {
        var run = PeerRun.In(PeerStatus.Accepted);

        var again = run.Record(Accept());

        again.Rejection!.Code.ShouldBe(AcceptanceTokenUsed);
        again.Events.ShouldHaveSingleItem().ShouldBeOfType<PeerCommandRefused>().Code.ShouldBe(AcceptanceTokenUsed);
        PeerDecider.RecordedRejection(again.Events[0]).ShouldBe(again.Rejection);
        run.Status.ShouldBe(PeerStatus.Accepted);
    }

    [Fact]
    public void The_token_expires_seven_days_after_the_proposal()
    {
        var lastMoment = PeerRun.In(PeerStatus.Proposed).Advance(PeerLifecycle.AcceptanceTokenLifetime - TimeSpan.FromMilliseconds(1));
        lastMoment.When(Accept()).ShouldEmitSingle<PeerEvent, PeerAccepted>();

        var expired = PeerRun.In(PeerStatus.Proposed).Advance(PeerLifecycle.AcceptanceTokenLifetime);
        var refused = expired.Record(Accept());

        refused.Rejection!.Code.ShouldBe(AcceptanceTokenExpired);
        refused.Events.ShouldHaveSingleItem().ShouldBeOfType<PeerCommandRefused>();
        expired.Status.ShouldBe(PeerStatus.Proposed);
    }

    [Theory]
    [InlineData("accept-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab")]
    [InlineData("ACCEPT-TOKEN-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("accept-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("")]
    public void A_wrong_token_is_refused_and_recorded_without_spending_the_right_one(string token)
    {
        var run = PeerRun.In(PeerStatus.Proposed);

        var refused = run.Record(Accept(token));

        refused.Rejection!.Code.ShouldBe(AcceptanceTokenInvalid);
        refused.Events.ShouldHaveSingleItem().ShouldBeOfType<PeerCommandRefused>().Actor.ShouldBe(Peer);
        run.Record(Accept()).IsAccepted.ShouldBeTrue();
    }

    [Fact]
    public void The_token_check_hashes_and_compares_digests_so_only_the_exact_token_matches()
    {
        var stored = BearerSecret.DigestOf(BearerSecret.AcceptanceTokenPurpose, Token);

        BearerSecret.Matches(BearerSecret.AcceptanceTokenPurpose, stored, Token).ShouldBeTrue();
        BearerSecret.Matches(BearerSecret.GrantCredentialPurpose, stored, Token).ShouldBeFalse();
        BearerSecret.Matches(BearerSecret.AcceptanceTokenPurpose, null, Token).ShouldBeFalse();
        BearerSecret.Matches(BearerSecret.AcceptanceTokenPurpose, stored, null).ShouldBeFalse();
        BearerSecret.Matches(BearerSecret.AcceptanceTokenPurpose, stored, Token[..^1] + "b").ShouldBeFalse();
    }

    [Fact]
    public void The_plaintext_token_is_never_in_an_event_or_the_state()
    {
        var run = PeerRun.In(PeerStatus.Accepted);
        run.Record(Accept());

        var written = run.Spec.History.Select(e => Encoding.UTF8.GetString(Catalog.Serialize(e))).Append(Encoding.UTF8.GetString(ActorTrustJson.ToCanonicalBytes(run.State)));
        written.ShouldAllBe(text => !text.Contains(Token, StringComparison.Ordinal));
        run.Spec.History.OfType<PeerProposed>().Single().AcceptanceTokenDigest.ShouldBe(BearerSecret.DigestOf(BearerSecret.AcceptanceTokenPurpose, Token));
    }

    [Fact]
    public void A_contract_digest_that_is_not_the_registrys_is_refused_and_recorded()
    {
        var run = PeerRun.In(PeerStatus.Proposed);

        var refused = run.Record(Accept(digest: ContractDigest.Of(ContractText + "with an extra clause")));

        refused.Rejection!.Code.ShouldBe(ContractDigestMismatch);
        refused.Events.ShouldHaveSingleItem().ShouldBeOfType<PeerCommandRefused>();
        run.State.Token.ShouldNotBeNull();
    }

    [Fact]
    public void A_deprecated_or_unpublished_contract_version_is_refused()
    {
        var run = PeerRun.In(PeerStatus.Proposed);

        run.When(Accept(registry: RegistryV1 with { Status = ContractStatus.Deprecated })).ShouldBeRejectedWith(ContractVersionDeprecated);
        run.When(Accept(version: 2, registry: new ContractSnapshot(2, ContractStatus.Unpublished, 0))).ShouldBeRejectedWith(ContractVersionUnknown);
    }

    [Fact]
    public void Registry_facts_for_another_version_are_a_node_fault()
    {
        PeerRun.In(PeerStatus.Proposed).When(Accept(version: 2)).ShouldBeRejectedWith(CommandInvalid);
        PeerRun.In(PeerStatus.Proposed).When(Accept(version: 0, registry: RegistryV1 with { Version = 0 })).ShouldBeRejectedWith(CommandInvalid);
    }

    [Fact]
    public void Acceptance_not_authenticated_by_the_proposed_key_is_refused_and_recorded()
    {
        var run = PeerRun.In(PeerStatus.Proposed);

        var refused = run.Record(Accept() with { Actor = Impostor });

        refused.Rejection!.Code.ShouldBe(PeerKeyMismatch);
        refused.Events.ShouldHaveSingleItem().ShouldBeOfType<PeerCommandRefused>().Actor.ShouldBe(Impostor);
        run.When(Accept() with { Actor = FederationActor.Peer("peer-c.example", Peer.KeyId!.Value) }).Rejection!.Code.ShouldBe(PeerKeyMismatch);
    }

    [Fact]
    public void A_compromise_disclosed_while_proposed_voids_the_token()
    {
        var run = PeerRun.In(PeerStatus.Proposed);
        run.Apply(Disclose()).OfType<PeerCompromiseDisclosed>().Single().AcceptanceTokenVoided.ShouldBeTrue();

        var refused = run.Record(Accept());

        refused.Rejection!.Code.ShouldBe(AcceptanceTokenInvalid);
        run.Status.ShouldBe(PeerStatus.Proposed);
    }

    [Fact]
    public void Nothing_is_written_for_a_peer_that_was_never_proposed()
    {
        new PeerRun().When(Accept()).ShouldBeRejectedWith(PeerNotFound);
        new PeerRun().When(Accept(token: "x")).ShouldBeRejectedWith(PeerNotFound);
    }
}
