using ActorTrust.Hocon.Parsing;

namespace ActorTrust.Hocon.Includes;

/// <summary>
/// Where a document came from: names it in messages, identifies it for include-cycle detection,
/// reads it, and locates the documents it includes.
/// </summary>
internal abstract class HoconDocumentSource
{
    /// <summary>The name used in error messages; <see langword="null"/> for documents given as strings.</summary>
    public abstract string? DisplayName { get; }

    /// <summary>A stable identity (for files, the full path) used to detect include cycles.</summary>
    public abstract string Identity { get; }

    public abstract bool Exists { get; }

    /// <summary>Reads the document as UTF-8, refusing documents over the size limit.</summary>
    public abstract string ReadText();

    /// <summary>Locates an included name relative to this document (never relative to the working directory).</summary>
    public abstract HoconDocumentSource Resolve(string name, HoconOrigin includedAt);
}

/// <summary>A document supplied as a string: only absolute file includes can be resolved from it.</summary>
internal sealed class StringDocumentSource : HoconDocumentSource
{
    public override string? DisplayName => null;

    public override string Identity => "<string>";

    public override bool Exists => true;

    public override string ReadText() => throw new InvalidOperationException("A string document has no backing store to read.");

    public override HoconDocumentSource Resolve(string name, HoconOrigin includedAt) =>
        Path.IsPathRooted(name)
            ? new PhysicalDocumentSource(Path.GetFullPath(name))
            : throw includedAt.Error($"cannot include relative path \"{name}\" from a document that was not read from a file; use an absolute path");
}
