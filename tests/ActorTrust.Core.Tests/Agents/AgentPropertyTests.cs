using System.Text;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Json;
using ActorTrust.Core.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using static ActorTrust.Core.Tests.Agents.AgentFixtures;

using ActorTrust.TestKit.Entities;

namespace ActorTrust.Core.Tests.Agents;

/// <summary>One rotation attempt: fresh or reused id, linking to the current manifest or not, issued later or not, by whom.</summary>
internal sealed record RotationStep(bool FreshId, int ReuseIndex, bool LinksCurrent, int IssuedDeltaMinutes, int Signer);

public sealed class AgentPropertyTests
{
    private static readonly EventCatalog<AgentEvent> Catalog = EventCatalog<AgentEvent>.FromAssembly();

    private static readonly Gen<RotationStep> Steps =
        from fresh in Gen.Elements(true, true, true, false)
        from reuse in Gen.Choose(0, 10)
        from links in Gen.Elements(true, true, true, false)
        from delta in Gen.Elements(-5, 0, 5, 10)
        from signer in Gen.Elements(Publisher, OtherPublisher, Auditor)
        select new RotationStep(fresh, reuse, links, delta, signer);

    private static readonly Gen<(RotationStep[] Steps, int RevokeAt)> Chains =
        from count in Gen.Choose(1, 6)
        from steps in Gen.ArrayOf(Steps, count)
        from revokeAt in Gen.Choose(0, 12)
        select (steps, revokeAt);

    [Fact]
    public void Rotation_is_accepted_exactly_when_it_links_to_the_current_manifest_with_a_fresh_id_issued_later_by_a_publisher()
    {
        Prop.ForAll(Chains.ToArbitrary(), chain => RunChain(chain.Steps, chain.RevokeAt).Ok).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Resubmitting_the_current_manifest_after_any_chain_emits_nothing()
    {
        Prop.ForAll(Chains.ToArbitrary(), chain =>
        {
            var (spec, _) = RunChain(chain.Steps, revokeAt: int.MaxValue);
            var current = spec.State.Current!;
            var again = Signed(current.Manifest);

            return spec.When(new RotateAgent(again, Authority), Now).Events.Count == 0
                && spec.When(new RegisterAgent(again, Authority), Now) is { IsAccepted: true, Events.Count: 0 };
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Replaying_events_read_back_from_the_catalog_reproduces_the_state()
    {
        Prop.ForAll(Chains.ToArbitrary(), chain =>
        {
            var (spec, _) = RunChain(chain.Steps, chain.RevokeAt);
            var readBack = spec.History.Select(e => Catalog.Deserialize(Catalog.NameOf(e), Catalog.Serialize(e))).ToList();
            var replayed = readBack.Aggregate(AgentDecider.Instance.Initial, AgentDecider.Instance.Evolve);

            return readBack.Select(Catalog.Serialize).SequenceEqual(spec.History.Select(Catalog.Serialize), ByteArrays.Comparer)
                && ActorTrustJson.ToCanonicalBytes(replayed).SequenceEqual(ActorTrustJson.ToCanonicalBytes(spec.State));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Any_single_byte_tamper_of_a_signed_manifest_is_never_valid_and_never_registers()
    {
        var envelope = AgentManifestSigning.Sign(Manifest(), TestKeys.Signer(Publisher));
        var tampers = from position in Gen.Choose(0, envelope.Payload.Length - 1) from mask in Gen.Choose(1, 255) select (position, (byte)mask);

        Prop.ForAll(tampers.ToArbitrary(), t =>
        {
            var payload = envelope.Payload.ToArray();
            payload[t.position] ^= t.Item2;
            var text = Text(envelope with { Payload = payload });

            return !AgentManifestVerifier.Verify(Encoding.UTF8.GetBytes(text), Authority, Now).IsValid
                && !Spec().When(new RegisterAgent(text, Authority), Now).IsAccepted;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Catalog_knows_the_agent_events_by_their_wire_names()
    {
        Catalog.Names.ShouldBe(["agent.registered.v1", "agent.rotated.v1", "agent.revoked.v1"], ignoreOrder: true);
    }

    [Fact]
    public void Commands_round_trip_through_the_json_options()
    {
        var command = new RotateAgent(Signed(Manifest()), Authority);
        var json = ActorTrustJson.ToCanonicalBytes(command);

        ActorTrustJson.ToCanonicalBytes(ActorTrustJson.Read<RotateAgent>(json)).ShouldBe(json);
    }

    // Registers m-0, then tries each step against a model of the rules; true when every decision matched the model.
    private static (DeciderSpec<AgentState, AgentCommand, AgentEvent> Spec, bool Ok) RunChain(RotationStep[] steps, int revokeAt)
    {
        var spec = Spec();
        var first = Manifest("m-0", issuedAt: Now.AddDays(-1));
        spec.Apply(new RegisterAgent(Signed(first), Authority), Now);
        var (ids, current, revoked, ok) = (new List<string> { "m-0" }, first, false, true);
        for (var k = 0; k < steps.Length; k++)
        {
            if (k == revokeAt)
            {
                spec.Apply(new RevokeAgent(SignRevocation(Revocation(current.ManifestId), Auditor), Authority), Now);
                revoked = true;
            }

            var step = steps[k];
            var candidate = Manifest(
                step.FreshId ? $"m-{k + 1}" : ids[step.ReuseIndex % ids.Count],
                step.LinksCurrent ? current.ManifestId : "m-unknown",
                step.Signer,
                issuedAt: current.IssuedAt.AddMinutes(step.IssuedDeltaMinutes));
            var expected = !revoked && step.FreshId && step.LinksCurrent && step.IssuedDeltaMinutes > 0 && step.Signer != Auditor;
            var decision = spec.When(new RotateAgent(Signed(candidate), Authority), Now);
            ok &= decision.IsAccepted == expected && decision.Events.Count == (expected ? 1 : 0);
            ok &= !revoked || decision.Rejection?.Code == AgentRejectionCodes.Revoked;
            if (expected)
            {
                spec.Given(decision.Events);
                ids.Add(candidate.ManifestId);
                current = candidate;
            }
        }

        return (spec, ok);
    }
}
