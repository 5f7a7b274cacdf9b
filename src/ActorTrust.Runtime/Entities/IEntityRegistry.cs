namespace ActorTrust.Runtime.Entities;

/// <summary>The kind-independent face of an <see cref="EntityRegistry{TState,TCommand,TEvent}"/>.</summary>
public interface IEntityRegistry
{
    /// <summary>The entity kind.</summary>
    string Kind { get; }

    /// <summary>Entities currently active.</summary>
    int ActiveCount { get; }

    /// <summary>Passivates entities idle for longer than the configured timeout; returns how many.</summary>
    int PassivateIdle();

    /// <summary>Stops every entity after its queued messages.</summary>
    Task StopAsync();
}
