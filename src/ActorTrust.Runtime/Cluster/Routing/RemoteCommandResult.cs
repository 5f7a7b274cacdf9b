using System.Text.Json;
using System.Text.Json.Serialization;
using ActorTrust.Core.Entities;
using ActorTrust.Runtime.Entities;

namespace ActorTrust.Runtime.Cluster.Routing;

/// <summary>
/// A <see cref="CommandResult{TState}"/> on the wire: status, rejection, version, event types and the duplicate flag.
/// The entity's state does not travel: a command routed to another node comes back with
/// <see cref="CommandResult{TState}.State"/> null, and a caller that needs the state queries the owner for it.
/// </summary>
/// <param name="Status">Accepted, rejected or overloaded.</param>
/// <param name="Version">The entity's last sequence number after the command.</param>
/// <param name="EventTypes">Wire names of the events the command appended.</param>
/// <param name="Duplicate">True when the command id had been processed before.</param>
/// <param name="Rejection">The refusal, when rejected (absent otherwise).</param>
public sealed record RemoteCommandResult(CommandStatus Status, long Version, IReadOnlyList<string> EventTypes, bool Duplicate, Rejection? Rejection = null)
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>The wire form of <paramref name="result"/> (its state left out).</summary>
    public static JsonElement Encode<TState>(CommandResult<TState> result)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(result);
        var wire = new RemoteCommandResult(result.Status, result.Version, result.EventTypes, result.Duplicate, result.Rejection);
        return JsonSerializer.SerializeToElement(wire, Options);
    }

    /// <summary>Reads a result back; its state is null.</summary>
    /// <exception cref="FormatException">The JSON is not a result.</exception>
    public static CommandResult<TState> Decode<TState>(JsonElement json)
        where TState : class
    {
        RemoteCommandResult wire;
        try
        {
            wire = json.Deserialize<RemoteCommandResult>(Options) ?? throw new FormatException("a command result cannot be null");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"invalid command result: {ex.Message}", ex);
        }

        if (wire.Status == CommandStatus.Rejected && wire.Rejection is null)
        {
            throw new FormatException("a rejected command result must carry its rejection");
        }

        return new CommandResult<TState>(wire.Status, wire.Rejection, wire.Version, wire.EventTypes, null, wire.Duplicate);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowDuplicateProperties = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
