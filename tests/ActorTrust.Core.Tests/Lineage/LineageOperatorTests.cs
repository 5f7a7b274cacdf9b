using ActorTrust.Core.Json;
using ActorTrust.Core.Lineage;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Lineage.LineageRejectionCodes;
using static ActorTrust.Core.Tests.Lineage.LineageFixtures;

namespace ActorTrust.Core.Tests.Lineage;

/// <summary>How an operator was authenticated is recorded with its name; the roster gives the node an executor's key.</summary>
public sealed class LineageOperatorTests
{
    [Fact]
    public void Grant_recover_and_retire_record_how_the_operator_was_authenticated()
    {
        var run = new LineageRun();
        var granted = run.When(new GrantAuthority(Key(A), "alice", Roster, OperatorAuthentication: "token")).ShouldEmitSingle<LineageEvent, AuthorityGranted>();
        run.Spec.Given(granted);
        run.Advance(71).Apply(new CheckDeadlines());

        var recovered = run.When(new Recover(Key(B), "root", Roster, OperatorAuthentication: "certificate")).ShouldEmitSingle<LineageEvent, LineageRecovered>();
        run.Spec.Given(recovered);
        var retired = run.When(new Retire("root", "certificate")).ShouldEmitSingle<LineageEvent, LineageRetired>();

        (granted.Operator, granted.OperatorAuthentication).ShouldBe(("alice", "token"));
        (recovered.Operator, recovered.OperatorAuthentication).ShouldBe(("root", "certificate"));
        (retired.Operator, retired.OperatorAuthentication).ShouldBe(("root", "certificate"));
    }

    [Fact]
    public void Event_without_an_operator_authentication_is_written_as_before()
    {
        var granted = new LineageRun().When(new GrantAuthority(Key(A), Operator, Roster)).ShouldEmitSingle<LineageEvent, AuthorityGranted>();

        System.Text.Encoding.UTF8.GetString(ActorTrustJson.ToCanonicalBytes(granted)).ShouldNotContain("operator_authentication");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Token")]
    [InlineData("token\n")]
    public void Malformed_operator_authentication_is_an_invalid_command(string method)
    {
        new LineageRun().When(new GrantAuthority(Key(A), Operator, Roster, OperatorAuthentication: method)).ShouldBeRejectedWith(CommandInvalid);
        LineageRun.GrantedTo(A).When(new Retire(Operator, method)).ShouldBeRejectedWith(CommandInvalid);
    }

    [Fact]
    public void Roster_gives_the_key_of_an_executor_and_none_for_a_key_that_is_no_executor()
    {
        Roster.KeyOf(Key(B)).ShouldBe(TestSupport.TestKeys.Key(B).PublicKey);
        Roster.KeyOf(Key(Publisher)).ShouldBeNull();
        Roster.KeyOf(Key(Outsider)).ShouldBeNull();
    }
}
