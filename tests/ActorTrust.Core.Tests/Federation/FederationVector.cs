using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Core.Federation.Contracts;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Tests.Federation;

/// <summary>
/// One language-neutral federation vector (tests/vectors/federation/FV-*.json): a scenario over one entity
/// (<c>contract</c> or <c>peer</c>), as steps. Each step gives the decision time, the command by snake_case name and
/// its input (snake_case members), and the expected verdict, refusal code, event wire names in order (a refusal's
/// recorded events included — they are appended too), status afterwards and, for a publication, the contract digest.
/// </summary>
internal sealed record FederationVector(string Id, string Description, string Entity, string EntityId, IReadOnlyList<FederationVectorStep> Steps)
{
    private static readonly Dictionary<string, Type> CommandTypes = typeof(PeerCommand).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && (typeof(PeerCommand).IsAssignableFrom(t) || typeof(ContractCommand).IsAssignableFrom(t)))
        .ToDictionary(t => JsonNamingPolicy.SnakeCaseLower.ConvertName(t.Name), StringComparer.Ordinal);

    public override string ToString() => $"{Id}: {Description}";

    /// <summary>The step's command, read back from its name and input.</summary>
    public static object Command(FederationVectorStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Input.Deserialize(CommandTypes[step.Command], ActorTrustJson.Options)!;
    }

    /// <summary>The step describing <paramref name="command"/> at <paramref name="now"/>.</summary>
    public static FederationVectorStep Step(DateTimeOffset now, object command, FederationVectorExpectation expected) =>
        new(now, JsonNamingPolicy.SnakeCaseLower.ConvertName(command.GetType().Name),
            JsonSerializer.SerializeToNode(command, command.GetType(), ActorTrustJson.Options)!.AsObject(), expected);
}

/// <summary>One command of a scenario and what it must give.</summary>
internal sealed record FederationVectorStep(DateTimeOffset Now, string Command, JsonObject Input, FederationVectorExpectation Expected);

/// <summary><c>accepted</c> or <c>refused</c>, the events in order, the status after, the refusal code and the published digest.</summary>
internal sealed record FederationVectorExpectation(string Verdict, IReadOnlyList<string> Events, string Status, string? Code = null, string? Digest = null);
