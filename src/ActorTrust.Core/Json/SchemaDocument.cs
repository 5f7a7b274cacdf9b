using System.Text.Json.Nodes;

namespace ActorTrust.Core.Json;

/// <summary>
/// Reads a signed document of a versioned schema from exactly its payload bytes: the bytes must be canonical
/// JSON (RFC 8785), an object whose <c>schema</c> member names the expected schema, and bind strictly
/// (unknown, missing or ill-typed members refused).
/// </summary>
/// <remarks>
/// The usual payload is confirmed canonical (and strictly readable) by one forward pass, <see cref="CanonicalScan"/>,
/// which also reads the schema; anything that pass is unsure of is parsed strictly once into a tree, written again
/// and compared. Either way binding then reads the very bytes that were checked: they are canonical, so duplicate
/// members, lone surrogates and unsafe numbers are already refused.
/// </remarks>
internal static class SchemaDocument
{
    /// <summary>Returns the document, or null with <paramref name="error"/> saying why.</summary>
    internal static T? Read<T>(ReadOnlySpan<byte> payload, string schema, out string? error)
        where T : class
    {
        error = null;
        if (CanonicalScan.IsCanonicalObject(payload, CanonicalJsonReaderOptions.Default, out var scanned))
        {
            return Bind<T>(payload, scanned, schema, out error);
        }

        JsonNode? root;
        try
        {
            root = CanonicalJson.Parse(payload);
            if (!CanonicalJson.Serialize(root).AsSpan().SequenceEqual(payload))
            {
                root = null;
            }
        }
        catch (CanonicalJsonException)
        {
            root = null;
        }

        if (root is null)
        {
            // The literal null is canonical, but it is no object either; the first check names it as before.
            error = payload.SequenceEqual("null"u8) ? "the payload is not an object with a 'schema' string" : "the payload is not canonical JSON (RFC 8785)";
            return null;
        }

        if (root is not JsonObject obj || obj["schema"] is not JsonValue node || !node.TryGetValue<string>(out var name))
        {
            error = "the payload is not an object with a 'schema' string";
            return null;
        }

        return Bind<T>(payload, name, schema, out error);
    }

    private static T? Bind<T>(ReadOnlySpan<byte> payload, string name, string schema, out string? error)
        where T : class
    {
        error = null;
        if (!string.Equals(name, schema, StringComparison.Ordinal))
        {
            error = $"schema '{name}' is not supported; expected '{schema}'";
            return null;
        }

        try
        {
            return ActorTrustJson.Bind<T>(payload);
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return null;
        }
    }
}
