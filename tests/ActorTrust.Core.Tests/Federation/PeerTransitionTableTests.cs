using ActorTrust.Core.Federation.Peers;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;
using static ActorTrust.Core.Federation.Peers.PeerStatus;
using static ActorTrust.Core.Tests.Federation.FederationFixtures;

namespace ActorTrust.Core.Tests.Federation;

/// <summary>
/// The whole lifecycle matrix: every status (reached the ordinary way) against every lifecycle command, sent five
/// minutes later (so liveness finds an active peer stale). Each cell is the status it moves to, <c>=</c> for accepted
/// without a transition, or the refusal code.
/// </summary>
public sealed class PeerTransitionTableTests
{
    private static readonly Dictionary<string, Func<PeerCommand>> Commands = new()
    {
        ["propose"] = () => Propose(),
        ["accept"] = () => Accept(),
        ["reinstate"] = Reinstate,
        ["enroll"] = () => Enroll(),
        ["heartbeat"] = () => Heartbeat(),
        ["liveness"] = CheckLiveness,
        ["suspend"] = Suspend,
        ["disclose"] = () => Disclose(),
        ["revoke"] = Revoke,
    };

    private static readonly string[] Columns = ["propose", "accept", "reinstate", "enroll", "heartbeat", "liveness", "suspend", "disclose", "revoke"];

    private static readonly Dictionary<PeerStatus, string[]> Matrix = new()
    {
        [None] = [nameof(Proposed), PeerNotFound, PeerNotFound, PeerNotFound, PeerNotFound, PeerNotFound, PeerNotFound, PeerNotFound, PeerNotFound],
        [Proposed] = [PeerAlreadyProposed, nameof(Accepted), TransitionNotAllowed, TransitionNotAllowed, PeerNotFederating, "=", TransitionNotAllowed, "=", nameof(Revoked)],
        [Accepted] = [PeerAlreadyProposed, AcceptanceTokenUsed, TransitionNotAllowed, nameof(Enrolled), PeerNotFederating, "=", nameof(Suspended), nameof(Suspended), nameof(Revoked)],
        [Enrolled] = [PeerAlreadyProposed, AcceptanceTokenUsed, TransitionNotAllowed, TransitionNotAllowed, nameof(Active), "=", nameof(Suspended), nameof(Suspended), nameof(Revoked)],
        [Active] = [PeerAlreadyProposed, AcceptanceTokenUsed, TransitionNotAllowed, TransitionNotAllowed, "=", nameof(Degraded), nameof(Suspended), nameof(Suspended), nameof(Revoked)],
        [Degraded] = [PeerAlreadyProposed, AcceptanceTokenUsed, TransitionNotAllowed, TransitionNotAllowed, nameof(Active), "=", nameof(Suspended), nameof(Suspended), nameof(Revoked)],
        [Suspended] = [PeerAlreadyProposed, AcceptanceTokenUsed, nameof(Accepted), TransitionNotAllowed, PeerNotFederating, "=", TransitionNotAllowed, "=", nameof(Revoked)],
        [Revoked] = [PeerAlreadyRevoked, PeerAlreadyRevoked, PeerAlreadyRevoked, PeerAlreadyRevoked, PeerAlreadyRevoked, PeerAlreadyRevoked, PeerAlreadyRevoked, PeerAlreadyRevoked, PeerAlreadyRevoked],
    };

    public static TheoryData<PeerStatus, string> Cells()
    {
        var cells = new TheoryData<PeerStatus, string>();
        foreach (var from in Enum.GetValues<PeerStatus>())
        {
            foreach (var command in Columns)
            {
                cells.Add(from, command);
            }
        }

        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Every_lifecycle_command_from_every_status_moves_accepts_or_refuses_as_the_matrix_says(PeerStatus from, string command)
    {
        var expected = Matrix[from][Array.IndexOf(Columns, command)];
        var run = PeerRun.In(from).Advance(PeerLiveness.StaleAfter);

        var decision = run.Record(Commands[command]());

        if (Enum.TryParse<PeerStatus>(expected, out var target))
        {
            decision.IsAccepted.ShouldBeTrue(decision.Rejection?.ToString());
            run.Status.ShouldBe(target);
            PeerTransitions.IsAllowed(from, target).ShouldBeTrue();
            decision.Events.OfType<IPeerTransition>().Last().To.ShouldBe(target);
        }
        else if (expected == "=")
        {
            decision.IsAccepted.ShouldBeTrue(decision.Rejection?.ToString());
            decision.Events.OfType<IPeerTransition>().ShouldBeEmpty();
            run.Status.ShouldBe(from);
        }
        else
        {
            decision.Rejection.ShouldNotBeNull().Code.ShouldBe(expected);
            run.Status.ShouldBe(from);
            decision.Events.ShouldAllBe(e => e is PeerCommandRefused);
            decision.Events.Count.ShouldBe(expected == AcceptanceTokenUsed ? 1 : 0);
        }
    }

    [Fact]
    public void Every_allowed_transition_of_the_table_is_reached_by_some_cell_and_no_other_move_is()
    {
        var reached = Matrix.SelectMany(row => row.Value.Where(cell => Enum.TryParse<PeerStatus>(cell, out _)).Select(cell => (row.Key, Enum.Parse<PeerStatus>(cell))));
        var allowed = PeerTransitions.Table.SelectMany(row => row.Value.Select(to => (row.Key, to)));

        reached.ToHashSet().SetEquals(allowed).ShouldBeTrue();
    }

    [Fact]
    public void The_table_is_the_one_in_the_social_contract()
    {
        PeerTransitions.Table[Proposed].ShouldBe([Accepted, Revoked], ignoreOrder: true);
        PeerTransitions.Table[Accepted].ShouldBe([Enrolled, Suspended, Revoked], ignoreOrder: true);
        PeerTransitions.Table[Enrolled].ShouldBe([Active, Suspended, Revoked], ignoreOrder: true);
        PeerTransitions.Table[Active].ShouldBe([Degraded, Suspended, Revoked], ignoreOrder: true);
        PeerTransitions.Table[Degraded].ShouldBe([Active, Suspended, Revoked], ignoreOrder: true);
        PeerTransitions.Table[Suspended].ShouldBe([Accepted, Revoked], ignoreOrder: true);
        PeerTransitions.Table[Revoked].ShouldBeEmpty();
    }

    [Fact]
    public void Every_transition_event_records_its_reason_and_acting_principal()
    {
        var run = PeerRun.In(Degraded);
        run.Apply(Heartbeat());
        run.Apply(Suspend());
        run.Apply(Reinstate());
        run.Apply(Revoke());

        var transitions = run.Spec.History.OfType<IPeerTransition>().ToList();
        transitions.Select(t => t.To).ShouldBe([Proposed, Accepted, Enrolled, Active, Degraded, Active, Suspended, Accepted, Revoked]);
        transitions.ShouldAllBe(t => !string.IsNullOrWhiteSpace(t.Reason) && t.Actor != null);
        run.State.LastChange.ShouldBe(new StatusChange(Accepted, Revoked, "peering ended", Operator, run.Clock));
    }

    [Fact]
    public void Applying_a_transition_the_table_forbids_throws_instead_of_folding()
    {
        var active = PeerRun.In(Active).State;

        Should.Throw<InvalidOperationException>(() => PeerDecider.Instance.Evolve(active, new PeerReinstated("forged", Operator, Now)));
        Should.Throw<InvalidOperationException>(() => PeerDecider.Instance.Evolve(PeerRun.In(Revoked).State, new PeerActivated("forged", Peer, Now)));
    }
}
