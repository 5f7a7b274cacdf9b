using System.Text.Json;

namespace ActorTrust.Client;

/// <summary>
/// What a node made of a command. A refusal is an expected outcome, not an exception: <see cref="Accepted"/> is
/// false and <see cref="Code"/> names the reason (e.g. <c>RotationVersionNotNext</c>).
/// </summary>
/// <param name="Accepted">True when the command was accepted and its events are durable.</param>
/// <param name="Duplicate">True when the node had already processed this command id (nothing new was written).</param>
/// <param name="Version">The entity's version (last sequence number) after the command, when accepted.</param>
/// <param name="Events">Wire names of the events the command appended.</param>
/// <param name="State">The entity's state after the command, when accepted.</param>
/// <param name="Code">The refusal's reason code, when refused.</param>
/// <param name="Detail">The refusal's explanation, when refused.</param>
/// <param name="Status">The HTTP status of the answer.</param>
public sealed record CommandOutcome(
    bool Accepted, bool Duplicate, long Version, IReadOnlyList<string> Events, JsonElement? State, string? Code, string? Detail, int Status);
