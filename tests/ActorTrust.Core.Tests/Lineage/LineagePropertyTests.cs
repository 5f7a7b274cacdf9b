using ActorTrust.Core.Entities;
using ActorTrust.Core.Json;
using ActorTrust.Core.Lineage;
using FsCheck;
using FsCheck.Fluent;
using static ActorTrust.Core.Tests.Lineage.LineageFixtures;

namespace ActorTrust.Core.Tests.Lineage;

public sealed class LineagePropertyTests
{
    private static readonly EventCatalog<LineageEvent> Catalog = EventCatalog<LineageEvent>.FromAssembly();

    private static readonly Gen<FleetStep> Steps =
        from action in Gen.Choose(0, 10)
        from who in Gen.Choose(0, 5)
        from other in Gen.Choose(0, 3)
        from advance in Gen.Elements(0, 0, 1, 5, 20, 40)
        from stale in Gen.Elements(false, false, true)
        select new FleetStep(action, who, other, advance, stale);

    // Sequences start with a grant so most of them exercise an owned lineage.
    private static readonly Arbitrary<FleetStep[]> Sequences =
        Gen.ListOf(Steps).Select(steps => (FleetStep[])[new FleetStep(0, 0, 1, 0, false), .. steps]).ToArbitrary();

    [Fact]
    public void Random_command_sequences_never_yield_two_executors_able_to_commit_at_the_same_epoch()
    {
        Prop.ForAll(Sequences, steps =>
        {
            var fleet = new LineageFleet();
            foreach (var step in steps)
            {
                fleet.Deliver(step);
                var able = fleet.ProbeCommitters();
                var state = fleet.Run.State;
                if (able.Count > 1 || able.Any(p => Key(p.Executor) != state.Owner || p.Epoch != state.Epoch || !state.CanCommit(Key(p.Executor), p.Epoch, fleet.Run.Clock)))
                {
                    return false;
                }
            }

            return fleet.Committers.Values.All(executors => executors.Count == 1);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Random_command_sequences_give_every_major_epoch_to_one_executor_and_keep_one_linear_chain()
    {
        Prop.ForAll(Sequences, steps =>
        {
            var fleet = new LineageFleet();
            foreach (var step in steps)
            {
                fleet.Deliver(step);
            }

            var state = fleet.Run.State;
            var chain = state.Chain;
            return state.Tenures.Select(t => t.Since.Major).SequenceEqual(Enumerable.Range(1, state.Tenures.Count).Select(m => (long)m))
                && chain.Select((c, i) => c.Checkpoint.Parent == (i == 0 ? Core.Lineage.Checkpoint.GenesisParent : chain[i - 1].Digest)).All(ok => ok)
                && chain.Zip(chain.Skip(1)).All(p => p.First.Checkpoint.Tick < p.Second.Checkpoint.Tick && p.First.Checkpoint.Epoch <= p.Second.Checkpoint.Epoch)
                && chain.All(c => state.Tenures.Single(t => t.Since.Major == c.Checkpoint.Epoch.Major).Executor == c.Checkpoint.ExecutorKeyId);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Replaying_events_read_back_from_the_catalog_reproduces_the_state()
    {
        Prop.ForAll(Sequences, steps =>
        {
            var fleet = new LineageFleet();
            foreach (var step in steps)
            {
                fleet.Deliver(step);
            }

            var history = fleet.Run.Spec.History;
            var replayed = history.Select(e => Catalog.Deserialize(Catalog.NameOf(e), Catalog.Serialize(e))).Aggregate(LineageState.Empty, LineageDecider.Instance.Evolve);
            return ActorTrustJson.ToCanonicalBytes(replayed).AsSpan().SequenceEqual(ActorTrustJson.ToCanonicalBytes(fleet.Run.State))
                && ActorTrustJson.ToCanonicalBytes(ActorTrustJson.Read<LineageState>(ActorTrustJson.ToCanonicalBytes(replayed))).AsSpan()
                    .SequenceEqual(ActorTrustJson.ToCanonicalBytes(replayed));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Redelivering_an_accepted_command_right_away_is_accepted_with_no_events()
    {
        Prop.ForAll(Sequences, steps =>
        {
            var fleet = new LineageFleet();
            foreach (var step in steps)
            {
                var command = fleet.Deliver(step);
                if (fleet.LastDecision is { IsAccepted: true } && fleet.Run.When(command) is not { IsAccepted: true, Events.Count: 0 })
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Random_fleets_reach_handoffs_recoveries_divergences_and_violations_so_the_properties_are_not_vacuous()
    {
        var random = new Random(20260301);
        var outcomes = Enumerable.Range(0, 200).Select(_ =>
        {
            var fleet = new LineageFleet();
            fleet.Deliver(new FleetStep(0, 0, 1, 0, false));
            for (var i = 0; i < 60; i++)
            {
                fleet.Deliver(new FleetStep(random.Next(11), random.Next(6), random.Next(4), new[] { 0, 0, 1, 5, 20, 40 }[random.Next(6)], random.Next(3) == 0));
            }

            return fleet.Run.Spec.History;
        }).ToList();

        outcomes.ShouldContain(h => h.OfType<HandoffConfirmed>().Any());
        outcomes.ShouldContain(h => h.OfType<LineageRecovered>().Any());
        outcomes.ShouldContain(h => h.OfType<CheckpointCommitted>().Count() > 3);
        outcomes.ShouldContain(h => h.OfType<LineageRecoveryRequired>().Any(r => r.Reason == RecoveryReason.Divergence));
        outcomes.ShouldContain(h => h.OfType<LineageRecoveryRequired>().Any(r => r.Reason == RecoveryReason.HandoffAmbiguous));
        outcomes.ShouldContain(h => h.OfType<AuthorityViolated>().Any(v => v.Kind == ViolationKind.SupersededEpoch));
        outcomes.ShouldContain(h => h.OfType<AuthorityViolated>().Any(v => v.Kind == ViolationKind.WrongExecutor));
    }
}
