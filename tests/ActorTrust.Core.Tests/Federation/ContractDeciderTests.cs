using System.Text;
using ActorTrust.Core.Federation.Contracts;
using ActorTrust.Core.Hashing;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Federation.Contracts.ContractRejectionCodes;
using static ActorTrust.Core.Tests.Federation.FederationFixtures;

namespace ActorTrust.Core.Tests.Federation;

public sealed class ContractDeciderTests
{
    private static DeciderSpec<ContractState, ContractCommand, ContractEvent> Spec(string id = "1") => new(ContractDecider.Instance, id);

    [Fact]
    public void Publishing_computes_the_domain_separated_sha256_of_the_exact_text()
    {
        var published = Spec().When(new PublishContract(ContractText, Operator), Now).ShouldEmitSingle<ContractEvent, ContractPublished>();

        var expected = Digest.Sha256([.. Encoding.ASCII.GetBytes("actortrust/federation-contract/v1\n"), .. Encoding.UTF8.GetBytes(ContractText)]);
        published.Digest.ShouldBe(expected);
        published.Version.ShouldBe(1);
        published.EffectiveAt.ShouldBe(Now);
        ContractDigest.Of(ContractText + " ").ShouldNotBe(expected);
    }

    [Fact]
    public void A_stated_digest_that_is_not_the_texts_is_refused()
    {
        Spec().When(new PublishContract(ContractText, Operator, ContractDigest.Of("another text")), Now).ShouldBeRejectedWith(ContractDigestMismatch);
        Spec().When(new PublishContract(ContractText, Operator, ContractDigestV1), Now).ShouldBeAccepted().Count.ShouldBe(1);
    }

    [Fact]
    public void Published_text_is_immutable_and_republishing_the_same_text_changes_nothing()
    {
        var spec = Spec();
        spec.Apply(new PublishContract(ContractText, Operator), Now);

        spec.When(new PublishContract(ContractText + "amended", Operator), Now).ShouldBeRejectedWith(ContractTextImmutable);
        spec.When(new PublishContract(ContractText, Operator), Now).ShouldBeAccepted().ShouldBeEmpty();
        spec.State.Publication!.Text.ShouldBe(ContractText);
    }

    [Fact]
    public void Deprecation_needs_a_publication_and_is_idempotent()
    {
        var spec = Spec();
        spec.When(new DeprecateContract("superseded by v2", Operator), Now).ShouldBeRejectedWith(ContractNotPublished);
        spec.Apply(new PublishContract(ContractText, Operator), Now);

        spec.When(new DeprecateContract("superseded by v2", Operator), Now).ShouldEmitSingle<ContractEvent, ContractDeprecated>();
        spec.Apply(new DeprecateContract("superseded by v2", Operator), Now);
        spec.When(new DeprecateContract("again", Operator), Now).ShouldBeAccepted().ShouldBeEmpty();
        spec.State.Status.ShouldBe(ContractStatus.Deprecated);
        spec.State.Digest.ShouldBe(ContractDigestV1);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("01")]
    [InlineData("-1")]
    [InlineData("v1")]
    [InlineData("1.0")]
    [InlineData("99999999999")]
    public void Contract_ids_that_are_not_positive_integers_are_refused(string id)
    {
        Spec(id).When(new PublishContract(ContractText, Operator), Now).ShouldBeRejectedWith(ContractVersionInvalid);
    }

    [Fact]
    public void Only_an_operator_holding_federator_publishes_or_deprecates()
    {
        Spec().When(new PublishContract(ContractText, Auditor), Now).ShouldBeRejectedWith(ActorNotAuthorized);
        Spec().When(new PublishContract(ContractText, Peer), Now).ShouldBeRejectedWith(ActorNotAuthorized);
        Spec().When(new DeprecateContract("x", Liveness), Now).ShouldBeRejectedWith(ActorNotAuthorized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Unpublishable_texts_are_refused(string text)
    {
        Spec().When(new PublishContract(text, Operator), Now).ShouldBeRejectedWith(CommandInvalid);
    }

    [Fact]
    public void Texts_without_a_utf8_form_are_refused()
    {
        var lone = "lone " + (char)0xD800 + " surrogate";

        Spec().When(new PublishContract(lone, Operator), Now).ShouldBeRejectedWith(CommandInvalid);
        Should.Throw<ArgumentException>(() => ContractDigest.Of(lone));
    }

    [Fact]
    public void Latest_is_the_highest_published_version_that_is_not_deprecated()
    {
        ContractSnapshot[] registry =
        [
            new(1, ContractStatus.Published, 1, ContractDigestV1),
            new(3, ContractStatus.Deprecated, 2, ContractDigest.Of("v3")),
            new(2, ContractStatus.Published, 1, ContractDigest.Of("v2")),
            new(4, ContractStatus.Unpublished, 0),
        ];

        ContractRegistry.Latest(registry)!.Version.ShouldBe(2);
        ContractRegistry.Latest([]).ShouldBeNull();
    }

    [Fact]
    public void A_snapshot_carries_the_status_digest_and_entity_version_read()
    {
        var spec = Spec("7");
        spec.Apply(new PublishContract(ContractText, Operator), Now);

        ContractSnapshot.Of(7, spec.State, 1).ShouldBe(new ContractSnapshot(7, ContractStatus.Published, 1, ContractDigestV1));
        ContractSnapshot.Of(8, ContractState.Empty, 0).Digest.ShouldBeNull();
    }
}
