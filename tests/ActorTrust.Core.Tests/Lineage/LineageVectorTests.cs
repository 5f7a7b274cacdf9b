using ActorTrust.Core.Entities;
using ActorTrust.Core.Json;
using ActorTrust.Core.Lineage;
using ActorTrust.Core.Tests.TestSupport;

namespace ActorTrust.Core.Tests.Lineage;

public sealed class LineageVectorTests
{
    private static readonly VectorFolder Folder = new("lineage", "LN");
    private static readonly EventCatalog<LineageEvent> Catalog = EventCatalog<LineageEvent>.FromAssembly();

    public static TheoryData<string> VectorFiles() => [.. Folder.Files()];

    [Theory]
    [MemberData(nameof(VectorFiles))]
    public void Vector_steps_get_their_expected_verdicts_and_end_in_the_expected_state(string file)
    {
        var vector = ActorTrustJson.Read<LineageVector>(Folder.Read(file));
        var state = LineageState.Empty;
        var version = 0L;

        foreach (var (step, i) in vector.Steps.Select((s, i) => (s, i)))
        {
            var decision = LineageDecider.Instance.Decide(state, step.ToCommand(), new DecisionContext(vector.AgentId, step.At, version));

            var where = $"{vector} step {i} ({step.Command})";
            (decision.IsAccepted ? "accepted" : "refused").ShouldBe(step.Expected.Verdict, $"{where}: {decision.Rejection}");
            decision.Rejection?.Code.ShouldBe(step.Expected.Code, where);
            decision.Events.Select(Catalog.NameOf).ShouldBe(step.Expected.Events, where);
            state = decision.Events.Aggregate(state, LineageDecider.Instance.Evolve);
            version += decision.Events.Count;
        }

        LineageVectorOutcome.Of(state).ShouldBeEquivalentTo(vector.Expected);
    }

    [Fact]
    public void Committed_vectors_are_exactly_what_the_fixed_seed_generator_writes()
    {
        Folder.CheckCommitted([.. LineageVectorSet.All().Select(v => (v.Id, VectorFolder.ToFileBytes(v)))]);
    }

    [Fact]
    public void Vectors_cover_every_authority_status_every_violation_and_every_recovery_reason()
    {
        var all = LineageVectorSet.All();
        var codes = all.SelectMany(v => v.Steps).Select(s => s.Expected.Code).OfType<string>().ToHashSet();
        var events = all.SelectMany(v => v.Steps).SelectMany(s => s.Expected.Events).ToHashSet();

        Enum.GetNames<ViolationKind>().Except(codes).ShouldBeEmpty();
        Catalog.Names.Except(events).ShouldBeEmpty();
        new[] { AuthorityStatus.ActiveOwner, AuthorityStatus.HandoffPending, AuthorityStatus.Retired, AuthorityStatus.RecoveryRequired }
            .Except(all.Select(v => v.Expected.Status)).ShouldBeEmpty();
        all.Select(v => v.Id).ShouldBeUnique();
    }
}
