using System.Text;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Federation.Migrations;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Core.Json;
using FsCheck;
using FsCheck.Fluent;
using static ActorTrust.Core.Tests.Federation.FederationFixtures;

namespace ActorTrust.Core.Tests.Federation;

public sealed class FederationPropertyTests
{
    private static readonly EventCatalog<PeerEvent> Catalog = EventCatalog<PeerEvent>.FromAssembly();

    private static readonly Gen<(PeerStatus Start, List<(NamedCommand Command, TimeSpan Advance)> Steps)> Sequences =
        from start in Gen.Elements(Enum.GetValues<PeerStatus>())
        from steps in Gen.ListOf(Gen.Zip(Gen.Elements(PeerCommandPool.All), Gen.Elements(PeerCommandPool.Advances)))
        select (start, steps.ToList());

    [Fact]
    public void Random_command_sequences_only_ever_move_along_the_transition_tables()
    {
        Prop.ForAll(Sequences.ToArbitrary(), sequence =>
        {
            var run = PeerRun.In(sequence.Start);
            foreach (var (command, advance) in sequence.Steps)
            {
                var before = run.State;
                var decision = run.Advance(advance).Record(command.Command);
                var status = before.Status;
                foreach (var transition in decision.Events.OfType<IPeerTransition>())
                {
                    if (!PeerTransitions.IsAllowed(status, transition.To))
                    {
                        return false;
                    }

                    status = transition.To;
                }

                if (run.Status != status || run.State.Migrations.Any(m => !MigrationTransitions.Table.ContainsKey(m.Status)))
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Once_revoked_a_peer_stays_revoked_and_its_grants_stay_dishonoured()
    {
        Prop.ForAll(Sequences.ToArbitrary(), sequence =>
        {
            var run = PeerRun.In(sequence.Start);
            var revoked = false;
            foreach (var (command, advance) in sequence.Steps)
            {
                run.Advance(advance).Record(command.Command);
                revoked |= run.Status == PeerStatus.Revoked;
                if (revoked && (run.Status != PeerStatus.Revoked || run.State.Grants.Any(g => g.IsHonouredAt(run.Clock))))
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Replaying_events_read_back_from_the_catalog_reproduces_the_state_and_no_secret_is_ever_written()
    {
        Prop.ForAll(Sequences.ToArbitrary(), sequence =>
        {
            var run = PeerRun.In(sequence.Start);
            foreach (var (command, advance) in sequence.Steps)
            {
                run.Advance(advance).Record(command.Command);
            }

            var payloads = run.Spec.History.Select(e => (Catalog.NameOf(e), Catalog.Serialize(e))).ToList();
            var replayed = payloads.Select(p => Catalog.Deserialize(p.Item1, p.Item2)).Aggregate(PeerDecider.Instance.Initial, PeerDecider.Instance.Evolve);
            var state = ActorTrustJson.ToCanonicalBytes(run.State);
            var written = string.Join('\n', payloads.Select(p => Encoding.UTF8.GetString(p.Item2)).Append(Encoding.UTF8.GetString(state)));
            return ActorTrustJson.ToCanonicalBytes(replayed).AsSpan().SequenceEqual(state)
                && !written.Contains(Token, StringComparison.Ordinal) && !written.Contains(Credential, StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Deciding_is_a_pure_function_of_state_command_and_context()
    {
        Prop.ForAll(Gen.Elements(Enum.GetValues<PeerStatus>()).ToArbitrary(), Gen.Elements(PeerCommandPool.All).ToArbitrary(), (status, command) =>
        {
            var run = PeerRun.In(status).Advance(TimeSpan.FromMinutes(7));
            var first = run.When(command.Command);
            var second = run.When(command.Command);
            return first.Rejection == second.Rejection
                && first.Events.Select(Catalog.Serialize).SequenceEqual(second.Events.Select(Catalog.Serialize), TestSupport.ByteArrays.Comparer);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Every_refusal_records_at_most_a_refusal_event_and_its_consequences()
    {
        Prop.ForAll(Sequences.ToArbitrary(), sequence =>
        {
            var run = PeerRun.In(sequence.Start);
            foreach (var (command, advance) in sequence.Steps)
            {
                var decision = run.Advance(advance).Record(command.Command);
                var recorded = decision.Events.Count > 0;
                if (!decision.IsAccepted && recorded && decision.Events[0] is not PeerCommandRefused)
                {
                    return false;
                }

                if (decision.IsAccepted && decision.Events.Any(e => e is PeerCommandRefused))
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Every_peer_and_contract_event_type_has_a_unique_versioned_wire_name()
    {
        var peerTypes = typeof(PeerEvent).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(PeerEvent).IsAssignableFrom(t)).ToList();
        var contractNames = EventCatalog<Core.Federation.Contracts.ContractEvent>.FromAssembly().Names;

        Catalog.Names.Count.ShouldBe(peerTypes.Count);
        Catalog.Names.ShouldAllBe(n => n.StartsWith("peer.", StringComparison.Ordinal) && n.EndsWith(".v1", StringComparison.Ordinal));
        contractNames.ShouldBe(["contract.published.v1", "contract.deprecated.v1"], ignoreOrder: true);
    }
}
