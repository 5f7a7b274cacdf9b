using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorTrust.Client;

/// <summary>One journal event as the node serves it, with every stored field so the chain can be re-verified.</summary>
public sealed record FeedEvent
{
    /// <summary>Position in the global feed (commit order).</summary>
    [JsonPropertyName("global_position")] public long GlobalPosition { get; init; }

    /// <summary>The stream, <c>&lt;kind&gt;|&lt;id&gt;</c>.</summary>
    [JsonPropertyName("persistence_id")] public required string PersistenceId { get; init; }

    /// <summary>The entity kind.</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }

    /// <summary>Position in the stream.</summary>
    [JsonPropertyName("seq_nr")] public long SeqNr { get; init; }

    /// <summary>The event's wire name.</summary>
    [JsonPropertyName("event_type")] public required string EventType { get; init; }

    /// <summary>The event payload (canonical JSON).</summary>
    [JsonPropertyName("payload")] public JsonElement Payload { get; init; }

    /// <summary>When the event was decided (UTC, milliseconds).</summary>
    [JsonPropertyName("timestamp")] public required string Timestamp { get; init; }

    /// <summary>The writing node, <c>host:port:incarnation</c>.</summary>
    [JsonPropertyName("writer_node")] public required string WriterNode { get; init; }

    /// <summary>The writer's fencing token.</summary>
    [JsonPropertyName("writer_token")] public long WriterToken { get; init; }

    /// <summary>The command that produced the event.</summary>
    [JsonPropertyName("command_id")] public required string CommandId { get; init; }

    /// <summary>The previous event's hash.</summary>
    [JsonPropertyName("prev_hash")] public required string PrevHash { get; init; }

    /// <summary>This event's chain hash.</summary>
    [JsonPropertyName("hash")] public required string Hash { get; init; }
}

/// <summary>A page of events and where to continue.</summary>
/// <param name="Events">The events, in order.</param>
/// <param name="NextAfter">Pass this as <c>after</c> (feed) or <c>from − 1</c> (stream) to continue.</param>
public sealed record EventPage(
    [property: JsonPropertyName("events")] IReadOnlyList<FeedEvent> Events,
    [property: JsonPropertyName("next_after")] long NextAfter);
