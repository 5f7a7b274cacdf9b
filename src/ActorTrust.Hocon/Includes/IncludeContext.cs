using ActorTrust.Hocon.Model;
using ActorTrust.Hocon.Parsing;

namespace ActorTrust.Hocon.Includes;

/// <summary>
/// Loads included documents for one top-level load: resolves names relative to the including
/// document, skips missing optional includes, rejects URL and classpath includes, and detects
/// include cycles and runaway include counts.
/// </summary>
internal sealed class IncludeContext
{
    private readonly List<string> chain;
    private int count;

    public IncludeContext(HoconDocumentSource root)
    {
        chain = [root.Identity];
    }

    /// <summary>
    /// Parses the included document(s) into an object whose fields replace the include statement,
    /// or returns <see langword="null"/> when nothing was found and the include is not required.
    /// </summary>
    /// <param name="directive">The include statement.</param>
    /// <param name="from">The including document.</param>
    /// <param name="prefix">Path of the object holding the include; substitutions in the included document are tried under it first.</param>
    /// <param name="depth">Nesting depth at the include, so limits span documents.</param>
    public ObjectNode? Load(IncludeDirective directive, HoconDocumentSource from, string[] prefix, int depth)
    {
        var origin = directive.Origin;
        switch (directive.Kind)
        {
            case IncludeKind.Url:
                throw origin.Error($"include url(\"{directive.Name}\") is not supported: configuration is read from local files only");
            case IncludeKind.Classpath:
                throw origin.Error($"include classpath(\"{directive.Name}\") is not supported: there is no classpath; use include file(\"...\")");
        }

        if (++count > HoconLimits.MaxIncludes)
        {
            throw origin.Error($"more than {HoconLimits.MaxIncludes} includes");
        }

        ObjectNode? result = null;
        var candidates = Candidates(directive.Name);
        foreach (var candidate in candidates)
        {
            var target = from.Resolve(candidate, origin);
            if (!target.Exists)
            {
                continue;
            }

            var document = Parse(target, prefix, depth, origin);
            result = result is null ? document : Merging.MergeObjects(result, document);
        }

        if (result is null && directive.Required)
        {
            throw origin.Error($"required include \"{directive.Name}\" was not found (looked for {string.Join(", ", candidates)} next to the including file)");
        }

        return result;
    }

    /// <summary>A name without extension is a base name: its .json and .conf files are both loaded, .conf last.</summary>
    private static string[] Candidates(string name) =>
        Path.HasExtension(name) ? [name] : [name + ".json", name + ".conf"];

    private ObjectNode Parse(HoconDocumentSource target, string[] prefix, int depth, HoconOrigin origin)
    {
        if (chain.Contains(target.Identity))
        {
            throw origin.Error($"include cycle: {string.Join(" -> ", chain.Append(target.Identity))}");
        }

        chain.Add(target.Identity);
        try
        {
            return Parser.ParseDocument(target.ReadText(), target, this, prefix, depth);
        }
        finally
        {
            chain.RemoveAt(chain.Count - 1);
        }
    }
}
