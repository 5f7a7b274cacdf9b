using System.Text.Json;
using ActorTrust.Core.Json;

namespace ActorTrust.Runtime.Cluster.Routing;

/// <summary>
/// Puts one entity kind's commands on the wire as JSON (the domain's own <see cref="ActorTrustJson.Options"/>, with
/// duplicate members refused too). The discriminator is the concrete type's name, and only concrete subtypes of
/// <typeparamref name="TCommand"/> declared beside it are known: any other name is refused, so a peer can never make
/// this node instantiate a type of its choosing.
/// </summary>
/// <typeparam name="TCommand">The kind's abstract command base record (<c>DomainCommand</c>, <c>PeerCommand</c>, ...).</typeparam>
/// <remarks>
/// Members marked <c>[JsonIgnore]</c> do not travel: <c>CloseSession.Signer</c> arrives null and the owning node
/// attaches its own key (see <see cref="ClusterKind{TState,TCommand,TEvent}"/>'s arrival hook).
/// </remarks>
public sealed class CommandCodec<TCommand>
    where TCommand : class
{
    // Required constructor parameters are checked by RequiredMembers instead of the serializer, because the
    // serializer would also demand members that are [JsonIgnore]d (and so can never be present).
    private static readonly JsonSerializerOptions Options = new(ActorTrustJson.Options)
    {
        AllowDuplicateProperties = false,
        RespectRequiredConstructorParameters = false,
    };

    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string[]> _required = [];

    /// <summary>A codec for every public concrete subtype of <typeparamref name="TCommand"/> in its assembly.</summary>
    public CommandCodec()
        : this(typeof(TCommand).Assembly.GetTypes().Where(t => t.IsPublic || t.IsNestedPublic))
    {
    }

    /// <summary>A codec for the concrete <typeparamref name="TCommand"/> subtypes among <paramref name="types"/>.</summary>
    /// <exception cref="ArgumentException">Two subtypes share a name.</exception>
    public CommandCodec(IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        foreach (var type in types.Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition && typeof(TCommand).IsAssignableFrom(t)))
        {
            if (!_byName.TryAdd(type.Name, type))
            {
                throw new ArgumentException($"{typeof(TCommand).Name} subtypes {_byName[type.Name].FullName} and {type.FullName} share the name '{type.Name}'", nameof(types));
            }

            _required[type] = RequiredMembers.Of(type, Options.PropertyNamingPolicy!);
        }
    }

    /// <summary>The discriminators this codec accepts.</summary>
    public IReadOnlyCollection<string> TypeNames => _byName.Keys;

    /// <summary>The command's discriminator and JSON.</summary>
    /// <exception cref="ArgumentException">The command's type is not one this codec knows.</exception>
    public (string PayloadType, JsonElement Payload) Encode(TCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var type = command.GetType();
        if (!_byName.TryGetValue(type.Name, out var known) || known != type)
        {
            throw new ArgumentException($"{type.FullName} is not a {typeof(TCommand).Name} this codec knows", nameof(command));
        }

        return (type.Name, JsonSerializer.SerializeToElement(command, type, Options));
    }

    /// <summary>Reads a command back.</summary>
    /// <exception cref="FormatException">Unknown discriminator, or a payload that does not bind to its type.</exception>
    public TCommand Decode(string payloadType, JsonElement payload)
    {
        if (payloadType is null || !_byName.TryGetValue(payloadType, out var type))
        {
            throw new FormatException($"'{payloadType}' is not a {typeof(TCommand).Name}");
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"a {payloadType} payload must be a JSON object");
        }

        var missing = _required[type].Where(name => !payload.TryGetProperty(name, out _)).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"invalid {payloadType} payload: missing {string.Join(", ", missing)}");
        }

        try
        {
            return payload.Deserialize(type, Options) as TCommand ?? throw new FormatException($"a {payloadType} payload cannot be null");
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // ArgumentException and friends come from constructors that validate their input.
            throw new FormatException($"invalid {payloadType} payload: {ex.Message}", ex);
        }
    }
}
