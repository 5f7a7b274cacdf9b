using ActorTrust.Hocon.Includes;
using ActorTrust.Hocon.Model;
using ActorTrust.Hocon.Parsing;
using ActorTrust.Hocon.Resolution;

namespace ActorTrust.Hocon.Configuration;

/// <summary>Parse, resolve and flatten: the whole pipeline from HOCON text to configuration data.</summary>
internal static class HoconLoader
{
    /// <summary>Parses a document and everything it includes, without resolving substitutions.</summary>
    public static ObjectNode Parse(string text, HoconDocumentSource source) =>
        Parser.ParseDocument(text, source, new IncludeContext(source), [], 0);

    /// <summary>Parses and resolves a document; substitutions not found fall back to <paramref name="environment"/>.</summary>
    public static ObjectNode ParseAndResolve(string text, HoconDocumentSource source, Func<string, string?> environment) =>
        Resolver.Resolve(Parse(text, source), environment);

    /// <summary>Produces configuration data; the environment defaults to the process environment variables.</summary>
    public static Dictionary<string, string?> Load(string text, HoconDocumentSource source, Func<string, string?>? environment = null) =>
        ConfigurationFlattener.Flatten(ParseAndResolve(text, source, environment ?? Environment.GetEnvironmentVariable));
}
