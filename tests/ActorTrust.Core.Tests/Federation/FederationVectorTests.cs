using ActorTrust.Core.Entities;
using ActorTrust.Core.Federation.Contracts;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Core.Json;
using ActorTrust.Core.Tests.TestSupport;

namespace ActorTrust.Core.Tests.Federation;

public sealed class FederationVectorTests
{
    private static readonly VectorFolder Folder = new("federation", "FV");
    private static readonly EventCatalog<PeerEvent> PeerEvents = EventCatalog<PeerEvent>.FromAssembly();
    private static readonly EventCatalog<ContractEvent> ContractEvents = EventCatalog<ContractEvent>.FromAssembly();

    public static TheoryData<string> VectorFiles() => [.. Folder.Files()];

    [Theory]
    [MemberData(nameof(VectorFiles))]
    public void Every_step_of_the_vector_gets_its_expected_outcome(string file)
    {
        var vector = ActorTrustJson.Read<FederationVector>(Folder.Read(file));

        if (vector.Entity == "peer")
        {
            Run(vector, PeerDecider.Instance, PeerEvents.NameOf, s => s.Status.ToString(), _ => null);
        }
        else
        {
            vector.Entity.ShouldBe("contract");
            Run(vector, ContractDecider.Instance, ContractEvents.NameOf, s => s.Status.ToString(), e => (e as ContractPublished)?.Digest.ToString());
        }
    }

    [Fact]
    public void Committed_vectors_are_exactly_what_the_generator_writes()
    {
        Folder.CheckCommitted([.. FederationVectorSet.All().Select(v => (v.Id, VectorFolder.ToFileBytes(v)))]);
    }

    [Fact]
    public void Vectors_cover_every_recorded_refusal_and_every_peer_status()
    {
        var steps = FederationVectorSet.All().SelectMany(v => v.Steps.Select(s => (v.Entity, s.Expected))).ToList();
        string[] recorded =
        [
            PeerRejectionCodes.PeerKeyMismatch, PeerRejectionCodes.AcceptanceTokenInvalid, PeerRejectionCodes.AcceptanceTokenExpired,
            PeerRejectionCodes.AcceptanceTokenUsed, PeerRejectionCodes.ContractDigestMismatch, PeerRejectionCodes.PlatformVersionIncompatible,
            PeerRejectionCodes.HandshakeRateLimited, PeerRejectionCodes.GrantCredentialInvalid, PeerRejectionCodes.GrantNotHonoured,
            PeerRejectionCodes.GrantScopeNotCovered, PeerRejectionCodes.GrantRestricted, PeerRejectionCodes.MigrationHygieneViolated,
        ];

        recorded.Except(steps.Select(s => s.Expected.Code).OfType<string>()).ShouldBeEmpty();
        Enum.GetValues<PeerStatus>().Where(s => s != PeerStatus.None).Select(s => s.ToString().ToLowerInvariant())
            .Except(steps.Where(s => s.Entity == "peer").Select(s => s.Expected.Status)).ShouldBeEmpty();
        FederationVectorSet.All().Select(v => v.Id).ShouldBeUnique();
    }

    private static void Run<TState, TCommand, TEvent>(
        FederationVector vector, IDecider<TState, TCommand, TEvent> decider, Func<TEvent, string> nameOf, Func<TState, string> statusOf, Func<TEvent, string?> digestOf)
    {
        var state = decider.Initial;
        var version = 0L;
        for (var i = 0; i < vector.Steps.Count; i++)
        {
            var step = vector.Steps[i];
            var where = $"{vector} step {i + 1} ({step.Command})";
            var decision = decider.Decide(state, (TCommand)FederationVector.Command(step), new DecisionContext(vector.EntityId, step.Now, version));
            foreach (var @event in decision.Events)
            {
                state = decider.Evolve(state, @event);
                version++;
            }

            (decision.IsAccepted ? "accepted" : "refused").ShouldBe(step.Expected.Verdict, $"{where}: {decision.Rejection}");
            decision.Rejection?.Code.ShouldBe(step.Expected.Code, where);
            decision.Events.Select(nameOf).ShouldBe(step.Expected.Events, where);
            JsonNamingSnake(statusOf(state)).ShouldBe(step.Expected.Status, where);
            if (step.Expected.Digest is { } digest)
            {
                decision.Events.Select(digestOf).ShouldContain(digest, where);
            }
        }
    }

    private static string JsonNamingSnake(string name) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
