using ActorTrust.Core.Entities;
using ActorTrust.Core.Lineage;
using static ActorTrust.Core.Tests.Lineage.LineageFixtures;

namespace ActorTrust.Core.Tests.Lineage;

/// <summary>Writes a lineage vector by driving a <see cref="LineageRun"/>: each step states the refusal code it must get (null: accepted).</summary>
internal sealed class LineageScript(string id, string description)
{
    private static readonly EventCatalog<LineageEvent> Catalog = EventCatalog<LineageEvent>.FromAssembly();
    private readonly List<LineageVectorStep> _steps = [];

    public LineageRun Run { get; } = new();

    public LineageScript Advance(double seconds)
    {
        Run.Advance(seconds);
        return this;
    }

    /// <summary>Delivers <paramref name="command"/>; throws unless it gets <paramref name="code"/> (null: accepted).</summary>
    public LineageScript Step(LineageCommand command, string? code = null)
    {
        var decision = Run.Deliver(command);
        if (decision.Rejection?.Code != code)
        {
            throw new InvalidOperationException($"{id}: {command.GetType().Name} expected {code ?? "acceptance"}, got {decision.Rejection?.ToString() ?? "acceptance"}");
        }

        _steps.Add(LineageVectorStep.Create(Run.Clock, command,
            new LineageStepExpectation(decision.IsAccepted ? "accepted" : "refused", [.. decision.Events.Select(Catalog.NameOf)], code)));
        return this;
    }

    public LineageScript Grant(int executor) => Step(new GrantAuthority(Key(executor), Operator, Roster));

    public LineageScript Commit(int executor, string? code = null) => Step(Run.CommitOf(Run.Next(executor)), code);

    public LineageScript HandOff(int to)
    {
        var from = Run.State.Owner!.Value;
        Step(new BeginHandoff(from, Run.Epoch, Key(to), Roster));
        Step(new ReportTransferSent(from, Run.Epoch, Run.State.HeadDigest));
        return Step(new ConfirmHandoff(Key(to), Run.State.HeadDigest, Roster));
    }

    public LineageVector Build() => new(id, description, AgentId.ToString(), _steps, LineageVectorOutcome.Of(Run.State));
}
