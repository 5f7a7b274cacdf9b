using System.Text.Json;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Federation.Contracts;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Core.Lineage;
using ActorTrust.Core.Sessions;
using ActorTrust.Runtime.Cluster.Routing;

namespace ActorTrust.Runtime.Tests.Cluster.Transport;

public sealed class CommandCodecTests
{
    public static TheoryData<string> EveryConcreteCommand()
    {
        var data = new TheoryData<string>();
        foreach (var baseType in new[] { typeof(DomainCommand), typeof(AgentCommand), typeof(SessionCommand), typeof(LineageCommand), typeof(PeerCommand), typeof(ContractCommand) })
        {
            foreach (var type in SampleCommands.ConcreteSubtypesOf(baseType))
            {
                data.Add($"{baseType.Name}:{type.Name}");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryConcreteCommand))]
    public void Every_concrete_command_round_trips_through_its_kinds_codec(string which)
    {
        var (baseName, typeName) = (which.Split(':')[0], which.Split(':')[1]);
        var (first, again, decodedType) = baseName switch
        {
            nameof(DomainCommand) => RoundTrip<DomainCommand>(typeName),
            nameof(AgentCommand) => RoundTrip<AgentCommand>(typeName),
            nameof(SessionCommand) => RoundTrip<SessionCommand>(typeName),
            nameof(LineageCommand) => RoundTrip<LineageCommand>(typeName),
            nameof(PeerCommand) => RoundTrip<PeerCommand>(typeName),
            nameof(ContractCommand) => RoundTrip<ContractCommand>(typeName),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };

        decodedType.ShouldBe(typeName);
        again.ShouldBe(first);
    }

    [Fact]
    public void The_six_codecs_know_every_concrete_command_and_nothing_else()
    {
        new CommandCodec<LineageCommand>().TypeNames.ShouldBe(SampleCommands.ConcreteSubtypesOf(typeof(LineageCommand)).Select(t => t.Name), ignoreOrder: true);
        new CommandCodec<PeerCommand>().TypeNames.ShouldContain("RaiseFinding"); // declared in Governance, still a PeerCommand
        new CommandCodec<DomainCommand>().TypeNames.ShouldNotContain("RegisterAgent");
    }

    [Fact]
    public void A_type_name_outside_the_kinds_commands_is_refused()
    {
        var codec = new CommandCodec<DomainCommand>();
        var payload = JsonDocument.Parse("""{"envelope":"x"}""").RootElement;

        Should.Throw<FormatException>(() => codec.Decode("RegisterAgent", payload)).Message.ShouldContain("not a DomainCommand");
        Should.Throw<FormatException>(() => codec.Decode("System.IO.FileInfo", payload));
        Should.Throw<FormatException>(() => codec.Decode("DomainCommand", payload)); // the abstract base itself
    }

    [Fact]
    public void A_payload_that_does_not_bind_is_refused_with_the_reason()
    {
        var codec = new CommandCodec<DomainCommand>();

        Should.Throw<FormatException>(() => codec.Decode("CreateDomain", Json("""{"envelope":"x","extra":1}"""))).Message.ShouldContain("CreateDomain");
        Should.Throw<FormatException>(() => codec.Decode("CreateDomain", Json("""{}""")));
        Should.Throw<FormatException>(() => codec.Decode("CreateDomain", Json("""{"envelope":"x","envelope":"y"}""")));
        Should.Throw<FormatException>(() => codec.Decode("CreateDomain", Json("""{"envelope":42}""")));
    }

    [Fact]
    public void Close_session_travels_without_its_signer()
    {
        var codec = new CommandCodec<SessionCommand>();
        var (type, payload) = codec.Encode((CloseSession)SampleCommands.Create(typeof(CloseSession)));

        payload.TryGetProperty("signer", out _).ShouldBeFalse();
        ((CloseSession)codec.Decode(type, payload)).Signer.ShouldBeNull();
    }

    private static (string First, string Again, string DecodedType) RoundTrip<TCommand>(string typeName)
        where TCommand : class
    {
        var codec = new CommandCodec<TCommand>();
        var type = SampleCommands.ConcreteSubtypesOf(typeof(TCommand)).Single(t => t.Name == typeName);
        var command = (TCommand)SampleCommands.Create(type);
        var (payloadType, payload) = codec.Encode(command);
        var wire = payload.GetRawText();
        var decoded = codec.Decode(payloadType, JsonDocument.Parse(wire).RootElement);
        var (_, again) = codec.Encode(decoded);
        return (wire, again.GetRawText(), decoded.GetType().Name);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text, new JsonDocumentOptions { AllowDuplicateProperties = true }).RootElement;
}
