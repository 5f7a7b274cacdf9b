using ActorTrust.Core.Hashing;
using ActorTrust.Core.Lineage;
using static ActorTrust.Core.Tests.Lineage.LineageFixtures;

namespace ActorTrust.Core.Tests.Lineage;

/// <summary>One random delivery: what is sent, by whom (0–2: A, B, C; 3 and above: the current owner) and to whom, how long after the previous one, and whether the sender acts on what it last knew.</summary>
internal sealed record FleetStep(int Action, int Who, int Other, int AdvanceSeconds, bool Stale)
{
    public override string ToString() => $"{Action}:{Who}->{Other}+{AdvanceSeconds}s{(Stale ? " stale" : "")}";
}

/// <summary>
/// Three executors (A, B, C) and an operator sending random commands to one lineage on a moving clock. Each executor
/// remembers the last epoch it held and may act on it after losing authority (a stale or Byzantine node); commits may
/// name an old parent (a fork). Every accepted checkpoint is recorded under the epoch it claims.
/// </summary>
internal sealed class LineageFleet
{
    private static readonly int[] Executors = [A, B, C];
    private readonly Dictionary<int, Epoch> _lastHeld = [];
    private int _steps;

    public LineageRun Run { get; } = new();

    /// <summary>For each epoch, the executors whose checkpoints were accepted at it.</summary>
    public Dictionary<Epoch, HashSet<Digest>> Committers { get; } = [];

    /// <summary>What the last delivered command was decided as.</summary>
    public Entities.Decision<LineageEvent>? LastDecision { get; private set; }

    public LineageCommand Deliver(FleetStep step)
    {
        _steps++;
        Run.Advance(step.AdvanceSeconds);
        var state = Run.State;
        var owner = state.Owner is { } key ? Executors.Single(e => Key(e) == key) : A;
        var (who, other) = (step.Who >= 3 ? owner : Executors[step.Who], Executors[step.Other % 3]);
        var target = step.Other % 2 == 0 && state.Handoff is { } handoff ? handoff.To : Key(other);
        var epoch = step.Stale && _lastHeld.TryGetValue(who, out var held) ? held : state.Epoch ?? Epoch.First;
        LineageCommand command = (step.Action % 11) switch
        {
            0 => new GrantAuthority(Key(who), Operator, Roster),
            1 => new RenewLease(Key(who), epoch, Roster),
            2 or 3 => Commit(state, who, epoch, fork: step.Other % 4 == 0),
            4 => new BeginHandoff(Key(who), epoch, Key(other), Roster),
            5 => new ReportTransferSent(Key(who), epoch, state.HeadDigest),
            6 => new ConfirmHandoff(target, state.Handoff?.Checkpoint ?? state.HeadDigest, Roster),
            7 => new AbortHandoff(Key(who), epoch),
            8 => new Recover(Key(who), Operator, Roster),
            9 => new CheckDeadlines(),
            _ => new AuthorizeSideEffect(Key(who), epoch, Digest.Sha256(BitConverter.GetBytes(_steps)), Roster),
        };

        LastDecision = Run.Deliver(command);
        foreach (var committed in LastDecision.Events.OfType<CheckpointCommitted>())
        {
            var set = Committers.TryGetValue(committed.Checkpoint.Epoch, out var found) ? found : Committers[committed.Checkpoint.Epoch] = [];
            set.Add(committed.Checkpoint.ExecutorKeyId);
        }

        if (Run.State is { Owner: { } current, Epoch: { } now })
        {
            _lastHeld[Executors.Single(e => Key(e) == current)] = now;
        }

        return command;
    }

    /// <summary>The (executor, epoch) pairs that could commit right now: each executor at every epoch any of them has held.</summary>
    public IReadOnlyList<(int Executor, Epoch Epoch)> ProbeCommitters()
    {
        var state = Run.State;
        var epochs = _lastHeld.Values.Append(state.Epoch ?? Epoch.First).Distinct().ToList();
        return [.. from executor in Executors
                   from epoch in epochs
                   let checkpoint = Checkpoint(executor, (state.Head?.Checkpoint.Tick ?? -1) + 1, state.HeadDigest, epoch)
                   where Run.When(new CommitCheckpoint(Signed(checkpoint), Roster)) is { IsAccepted: true, Events.Count: > 0 }
                   select (executor, epoch)];
    }

    private static CommitCheckpoint Commit(LineageState state, int who, Epoch epoch, bool fork)
    {
        var parent = fork && state.Chain.Count > 1 ? state.Chain[0].Digest : state.HeadDigest;
        var tick = fork && state.Chain.Count > 1 ? 1 : (state.Head?.Checkpoint.Tick ?? -1) + 1;
        return new CommitCheckpoint(Signed(Checkpoint(who, tick, parent, epoch, budget: 1_000_000 - tick)), Roster);
    }
}
