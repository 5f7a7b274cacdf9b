using System.Text.Json.Serialization;

namespace ActorTrust.Persistence.PostgreSql;

/// <summary>One suspicion vote as stored in <c>cluster_members.suspect_votes</c>: <c>{"voter": …, "at": …}</c>.</summary>
internal sealed record VoteJson(
    [property: JsonPropertyName("voter")] string Voter,
    [property: JsonPropertyName("at")] DateTimeOffset At);

[JsonSerializable(typeof(VoteJson[]))]
internal sealed partial class VoteJsonContext : JsonSerializerContext;
