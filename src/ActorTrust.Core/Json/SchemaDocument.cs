using System.Text.Json.Nodes;

namespace ActorTrust.Core.Json;

/// <summary>
/// Reads a signed document of a versioned schema from exactly its payload bytes: the bytes must be canonical
/// JSON (RFC 8785), an object whose <c>schema</c> member names the expected schema, and bind strictly
/// (unknown, missing or ill-typed members refused).
/// </summary>
internal static class SchemaDocument
{
    /// <summary>Returns the document, or null with <paramref name="error"/> saying why.</summary>
    internal static T? Read<T>(ReadOnlySpan<byte> payload, string schema, out string? error)
        where T : class
    {
        error = null;
        if (!CanonicalJson.IsCanonical(payload))
        {
            error = "the payload is not canonical JSON (RFC 8785)";
            return null;
        }

        if (CanonicalJson.Parse(payload) is not JsonObject obj || obj["schema"] is not JsonValue node || !node.TryGetValue<string>(out var name))
        {
            error = "the payload is not an object with a 'schema' string";
            return null;
        }

        if (!string.Equals(name, schema, StringComparison.Ordinal))
        {
            error = $"schema '{name}' is not supported; expected '{schema}'";
            return null;
        }

        try
        {
            return ActorTrustJson.Read<T>(payload);
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return null;
        }
    }
}
