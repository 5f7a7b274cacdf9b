using System.Text.Json.Serialization;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Requests;

/// <summary>
/// A signed request authorization: the statement a key signs to prove that it, and nobody else, sends one command
/// to one entity. It binds the target (entity kind, entity id, action), the command id, the digest of the whole
/// request body (every member except <c>authorization</c>, in canonical RFC 8785 form), the signing key id and the
/// time it was made. It is carried in the request body's <c>authorization</c> member as a DSSE envelope of
/// <see cref="Envelopes.PayloadTypes.RequestAuthorization"/>, so a signature over any other ActorTrust object can never
/// stand in for it. A replay of the same body is the same command id and is answered with the original outcome; the
/// freshness window bounds how long a captured request can be presented at all.
/// </summary>
/// <param name="Schema">Always <see cref="SchemaV1"/>.</param>
/// <param name="EntityKind">The entity kind the command is for (<c>lineage</c>, <c>peer</c>, <c>contract</c>, …).</param>
/// <param name="EntityId">The entity id the command is for, exactly as the node resolves it.</param>
/// <param name="Action">The command's action name (<c>grant</c>, <c>renew</c>, <c>suspend</c>, …).</param>
/// <param name="CommandId">The request's <c>command_id</c>; the signed request must carry it.</param>
/// <param name="BodyDigest">SHA-256 of the canonical request body without its <c>authorization</c> member.</param>
/// <param name="KeyId">The signing key's id (<c>sha256:</c> of its raw public key); must be the key the request names.</param>
/// <param name="IssuedAt">When the request was signed (UTC, milliseconds).</param>
public sealed record RequestAuthorization(
    string Schema,
    string EntityKind,
    string EntityId,
    string Action,
    string CommandId,
    Digest BodyDigest,
    Digest KeyId,
    [property: JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset IssuedAt)
{
    /// <summary>The schema identifier of this format.</summary>
    public const string SchemaV1 = "actortrust.request-authorization/v1";

    /// <summary>The longest entity id, action or command id accepted.</summary>
    public const int MaxFieldLength = 512;

    /// <summary>Returns null when the statement is well-formed, else the first rule it breaks.</summary>
    public string? Validate() =>
        !string.Equals(Schema, SchemaV1, StringComparison.Ordinal) ? $"schema must be {SchemaV1}"
        : Field(EntityKind, "entity_kind") ?? Field(EntityId, "entity_id") ?? Field(Action, "action") ?? Field(CommandId, "command_id");

    private static string? Field(string? value, string name) =>
        string.IsNullOrEmpty(value) || value.Length > MaxFieldLength || value.Any(char.IsControl)
            ? $"{name} must be 1 to {MaxFieldLength} characters without control characters"
            : null;
}

/// <summary>What a request authorization must name: the entity and the action the node is about to perform.</summary>
/// <param name="EntityKind">The entity kind (<c>lineage</c>, <c>peer</c>, <c>contract</c>, …).</param>
/// <param name="EntityId">The entity id as the node resolved it from the route.</param>
/// <param name="Action">The action name of the endpoint.</param>
public sealed record RequestTarget(string EntityKind, string EntityId, string Action)
{
    /// <inheritdoc />
    public override string ToString() => $"{EntityKind} {EntityId} {Action}";
}
