using ActorTrust.Core.Lineage;
using FsCheck;
using FsCheck.Fluent;
using static ActorTrust.Core.Tests.Lineage.LineageFixtures;

namespace ActorTrust.Core.Tests.Lineage;

public sealed class LineageNextDeadlineTests
{
    // Any shape a state can take as far as the clocks are concerned, whether or not commands can reach it.
    private static readonly Gen<LineageState> States =
        from status in Gen.Elements(Enum.GetValues<AuthorityStatus>())
        from hasEpoch in Gen.Elements(true, true, false)
        from lease in Gen.OneOf(Gen.Constant<Lease?>(null), Gen.Choose(-100, 100).Select<int, Lease?>(s => new LineageSettings(60, 10, 30).LeaseFrom(Now.AddSeconds(s))))
        from deadline in Gen.OneOf(Gen.Constant<DateTimeOffset?>(null), Gen.Choose(-100, 100).Select<int, DateTimeOffset?>(s => Now.AddSeconds(s)))
        from hasHandoff in Gen.Elements(true, false)
        select LineageState.Empty with
        {
            Status = status,
            Epoch = hasEpoch ? Epoch.First : null,
            Lease = lease,
            Handoff = hasHandoff ? new HandoffRecord(Key(A), Key(B), Epoch.First, HandoffStage.Sent, Core.Lineage.Checkpoint.GenesisParent, Now, deadline) : null,
        };

    private static readonly Gen<FleetStep> Steps =
        from action in Gen.Choose(0, 10)
        from who in Gen.Choose(0, 5)
        from other in Gen.Choose(0, 3)
        from advance in Gen.Elements(0, 1, 5, 20, 40)
        select new FleetStep(action, who, other, advance, Stale: false);

    [Fact]
    public void Status_at_a_time_differs_from_the_status_exactly_from_the_next_deadline_on_for_any_state()
    {
        Prop.ForAll(States.ToArbitrary(), Gen.Choose(-200, 200).ToArbitrary(), (state, offset) =>
            ClocksAgree(state, Now.AddSeconds(offset))).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Every_state_reached_by_random_commands_changes_status_exactly_at_its_next_deadline()
    {
        var sequences = Gen.ListOf(Steps).Select(steps => (FleetStep[])[new FleetStep(0, 0, 1, 0, false), .. steps]).ToArbitrary();
        Prop.ForAll(sequences, steps =>
        {
            var fleet = new LineageFleet();
            foreach (var step in steps)
            {
                fleet.Deliver(step);
                var state = fleet.Run.State;
                var probes = new[] { fleet.Run.Clock, fleet.Run.Clock.AddSeconds(45), fleet.Run.Clock.AddSeconds(90) }
                    .Concat(state.NextDeadline is { } d ? [d.AddTicks(-1), d, d.AddTicks(1)] : []);
                if (!probes.All(t => ClocksAgree(state, t)))
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Granted_lineage_is_next_due_when_the_lease_grace_ends()
    {
        var run = LineageRun.GrantedTo(A);

        run.State.NextDeadline.ShouldBe(Now.AddSeconds(70));
    }

    [Fact]
    public void Renewing_the_lease_moves_the_next_deadline_to_the_new_grace_end()
    {
        var run = LineageRun.GrantedTo(A);

        run.Advance(30).Renew(A);

        run.State.NextDeadline.ShouldBe(Now.AddSeconds(100));
    }

    [Fact]
    public void Sent_transfer_is_next_due_at_its_confirmation_deadline()
    {
        var run = LineageRun.GrantedTo(A);
        run.Apply(new BeginHandoff(Key(A), run.Epoch, Key(B), Roster));

        run.Advance(5).Apply(new ReportTransferSent(Key(A), run.Epoch, run.State.HeadDigest));

        run.State.Status.ShouldBe(AuthorityStatus.HandoffPending);
        run.State.NextDeadline.ShouldBe(Now.AddSeconds(35));
    }

    [Fact]
    public void Lineage_without_a_running_clock_has_no_next_deadline()
    {
        var unassigned = new LineageRun().State;
        var recovering = LineageRun.GrantedTo(A).Advance(70);
        recovering.Apply(new CheckDeadlines());

        unassigned.NextDeadline.ShouldBeNull();
        recovering.State.Status.ShouldBe(AuthorityStatus.RecoveryRequired);
        recovering.State.NextDeadline.ShouldBeNull();
    }

    // StatusAt(t) != Status exactly when t is at or past NextDeadline.
    private static bool ClocksAgree(LineageState state, DateTimeOffset t) =>
        (state.StatusAt(t) != state.Status) == (state.NextDeadline is { } deadline && t >= deadline);
}
