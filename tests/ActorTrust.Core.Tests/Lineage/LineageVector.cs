using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;
using ActorTrust.Core.Lineage;

namespace ActorTrust.Core.Tests.Lineage;

/// <summary>
/// One language-neutral lineage vector (tests/vectors/lineage/LN-*.json): commands delivered in order to one lineage,
/// each at its time, with the expected verdict, refusal code and recorded event names, and the final authority state.
/// Events are applied whether the command was accepted or refused-and-recorded.
/// </summary>
internal sealed record LineageVector(string Id, string Description, string AgentId, IReadOnlyList<LineageVectorStep> Steps, LineageVectorOutcome Expected)
{
    public override string ToString() => $"{Id}: {Description}";
}

/// <summary>
/// One delivery: <c>command</c> is the snake_case command name (<c>grant_authority</c>, <c>commit_checkpoint</c>, …), <c>input</c> its
/// members (a checkpoint <c>envelope</c> embedded as an object when it is one; its canonical JSON text is what the command carries).
/// </summary>
internal sealed record LineageVectorStep(DateTimeOffset At, string Command, JsonObject Input, LineageStepExpectation Expected)
{
    private static readonly Dictionary<string, Type> Commands = typeof(LineageCommand).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(LineageCommand)))
        .ToDictionary(t => JsonNamingPolicy.SnakeCaseLower.ConvertName(t.Name), StringComparer.Ordinal);

    public static LineageVectorStep Create(DateTimeOffset at, LineageCommand command, LineageStepExpectation expected)
    {
        var node = JsonSerializer.SerializeToNode(command, command.GetType(), ActorTrustJson.Options)!.AsObject();
        if (node["envelope"] is JsonValue value && Parsed(value.GetValue<string>()) is JsonObject envelope)
        {
            node["envelope"] = envelope;
        }

        return new(at, JsonNamingPolicy.SnakeCaseLower.ConvertName(command.GetType().Name), node, expected);
    }

    public LineageCommand ToCommand()
    {
        var node = Input.DeepClone().AsObject();
        if (node["envelope"] is JsonObject envelope)
        {
            node["envelope"] = Encoding.UTF8.GetString(CanonicalJson.Serialize(envelope));
        }

        return (LineageCommand)node.Deserialize(Commands[Command], ActorTrustJson.Options)!;
    }

    private static JsonNode? Parsed(string text)
    {
        try
        {
            return CanonicalJson.Parse(Encoding.UTF8.GetBytes(text));
        }
        catch (CanonicalJsonException)
        {
            return null;
        }
    }
}

/// <summary><c>accepted</c> or <c>refused</c>, the wire names of the events recorded, and the refusal code.</summary>
internal sealed record LineageStepExpectation(string Verdict, IReadOnlyList<string> Events, string? Code = null);

/// <summary>The authority state after the last step.</summary>
internal sealed record LineageVectorOutcome(AuthorityStatus Status, int ChainLength, Digest Head, Epoch? Epoch = null, Digest? Owner = null)
{
    public static LineageVectorOutcome Of(LineageState state) => new(state.Status, state.Chain.Count, state.HeadDigest, state.Epoch, state.Owner);
}
