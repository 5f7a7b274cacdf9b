using System.Reflection;
using System.Text.Json;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Entities;

/// <summary>
/// Maps an entity kind's event records to and from their wire names (<see cref="EventNameAttribute"/>) and
/// canonical JSON payloads. One catalog per kind; registering two types under one name is refused.
/// </summary>
/// <typeparam name="TEvent">The kind's event base type.</typeparam>
public sealed class EventCatalog<TEvent>
    where TEvent : class
{
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _byType = [];

    /// <summary>Builds a catalog of every concrete <typeparamref name="TEvent"/> type in its assembly carrying <see cref="EventNameAttribute"/>.</summary>
    public static EventCatalog<TEvent> FromAssembly()
    {
        var catalog = new EventCatalog<TEvent>();
        foreach (var type in typeof(TEvent).Assembly.GetTypes())
        {
            if (!type.IsAbstract && typeof(TEvent).IsAssignableFrom(type) && type.GetCustomAttribute<EventNameAttribute>() is not null)
            {
                catalog.Register(type);
            }
        }

        return catalog;
    }

    /// <summary>Every registered wire name.</summary>
    public IReadOnlyCollection<string> Names => _byName.Keys;

    /// <summary>Registers <paramref name="type"/> under its <see cref="EventNameAttribute"/>.</summary>
    public void Register(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var name = type.GetCustomAttribute<EventNameAttribute>()?.Name
            ?? throw new ArgumentException($"{type.Name} has no [EventName]", nameof(type));
        if (!typeof(TEvent).IsAssignableFrom(type))
        {
            throw new ArgumentException($"{type.Name} is not a {typeof(TEvent).Name}", nameof(type));
        }

        if (!_byName.TryAdd(name, type))
        {
            throw new ArgumentException($"event name '{name}' is used by both {_byName[name].Name} and {type.Name}", nameof(type));
        }

        _byType[type] = name;
    }

    /// <summary>The wire name of <paramref name="event"/>.</summary>
    public string NameOf(TEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return _byType.TryGetValue(@event.GetType(), out var name)
            ? name
            : throw new ArgumentException($"event type {@event.GetType().Name} is not registered", nameof(@event));
    }

    /// <summary>The canonical JSON payload of <paramref name="event"/>.</summary>
    public byte[] Serialize(TEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return CanonicalJson.Serialize(@event, @event.GetType(), ActorTrustJson.Options);
    }

    /// <summary>Reads an event back from its wire name and payload.</summary>
    /// <exception cref="FormatException">Unknown name or a payload that does not bind.</exception>
    public TEvent Deserialize(string name, ReadOnlySpan<byte> payload)
    {
        if (!_byName.TryGetValue(name, out var type))
        {
            throw new FormatException($"unknown event type '{name}'");
        }

        try
        {
            return (TEvent)(JsonSerializer.Deserialize(payload, type, ActorTrustJson.Options)
                ?? throw new FormatException($"event '{name}' has a null payload"));
        }
        catch (JsonException ex)
        {
            throw new FormatException($"event '{name}' payload does not bind: {ex.Message}", ex);
        }
    }
}
