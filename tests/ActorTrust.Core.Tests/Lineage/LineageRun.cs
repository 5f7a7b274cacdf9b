using ActorTrust.Core.Entities;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Lineage;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Tests.Lineage.LineageFixtures;

namespace ActorTrust.Core.Tests.Lineage;

/// <summary>A lineage driven step by step on a clock the test moves: commands are decided at <see cref="Clock"/>.</summary>
internal sealed class LineageRun
{
    public DeciderSpec<LineageState, LineageCommand, LineageEvent> Spec { get; } = LineageFixtures.Spec();

    public DateTimeOffset Clock { get; private set; } = Now;

    public LineageState State => Spec.State;

    public Epoch Epoch => State.Epoch!;

    /// <summary>A lineage granted to <paramref name="executor"/> at <see cref="Now"/>.</summary>
    public static LineageRun GrantedTo(int executor)
    {
        var run = new LineageRun();
        run.Apply(new GrantAuthority(Key(executor), Operator, Roster));
        return run;
    }

    public LineageRun Advance(double seconds)
    {
        Clock = Clock.AddSeconds(seconds);
        return this;
    }

    public Decision<LineageEvent> When(LineageCommand command) => Spec.When(command, Clock);

    public IReadOnlyList<LineageEvent> Apply(LineageCommand command) => Spec.Apply(command, Clock);

    /// <summary>Decides and records whatever the decision recorded (accepted or not), returning the decision.</summary>
    public Decision<LineageEvent> Deliver(LineageCommand command)
    {
        var decision = When(command);
        Spec.Given(decision.Events);
        return decision;
    }

    /// <summary>The checkpoint that would extend the head, signed by <paramref name="executor"/> at the current epoch.</summary>
    public Checkpoint Next(int executor, long? tick = null) =>
        Checkpoint(executor, tick ?? (State.Head?.Checkpoint.Tick + 1 ?? 0), State.HeadDigest, Epoch);

    public CommitCheckpoint CommitOf(Checkpoint checkpoint) => new(Signed(checkpoint), Roster);

    /// <summary>Commits the next checkpoint by <paramref name="executor"/> (which must be accepted) and returns its digest.</summary>
    public Digest Commit(int executor)
    {
        var checkpoint = Next(executor);
        Apply(CommitOf(checkpoint));
        return CheckpointSigning.DigestOf(checkpoint);
    }

    public void Renew(int executor) => Apply(new RenewLease(Key(executor), Epoch, Roster));

    /// <summary>Hands the lineage from the owner to <paramref name="to"/>: begin, send the head, confirm.</summary>
    public void HandOff(int to)
    {
        var from = State.Owner!.Value;
        Apply(new BeginHandoff(from, Epoch, Key(to), Roster));
        Apply(new ReportTransferSent(from, Epoch, State.HeadDigest));
        Apply(new ConfirmHandoff(Key(to), State.HeadDigest, Roster));
    }
}
