using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;

namespace ActorTrust.Node.Api;

/// <summary>Validation of kinds and entity ids taken from URLs (ids arrive percent-encoded).</summary>
internal static class ApiIds
{
    /// <summary>The ceiling of <c>actortrust.limits.ids.max-entity-id-length</c> (which the API filter checks first).</summary>
    public const int MaxEntityIdLength = 2048;

    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal) { "domain", "agent", "session", "lineage", "contract", "peer", "audit" };

    public static bool TryKind(string kind, [NotNullWhen(false)] out IResult? problem)
    {
        problem = Kinds.Contains(kind) ? null : Problems.NotFound("UnknownKind", $"unknown entity kind '{kind}'; known kinds: {string.Join(", ", Kinds)}");
        return problem is null;
    }

    public static bool TryEntityId(string raw, [NotNullWhen(true)] out string? id, [NotNullWhen(false)] out IResult? problem)
    {
        id = Uri.UnescapeDataString(raw);
        problem = id.Length is 0 or > MaxEntityIdLength || id.Any(char.IsControl)
            ? Problems.BadRequest("InvalidEntityId", $"entity id must be 1..{MaxEntityIdLength} characters without control characters")
            : null;
        if (problem is not null)
        {
            id = null;
        }

        return problem is null;
    }
}
