using ActorTrust.Hocon.Parsing;
using Microsoft.Extensions.FileProviders;

namespace ActorTrust.Hocon.Includes;

/// <summary>
/// A document served by an <see cref="IFileProvider"/> without a physical path (for example an
/// embedded or in-memory provider); relative includes resolve inside the same provider.
/// </summary>
internal sealed class FileProviderDocumentSource(IFileProvider provider, string subpath) : HoconDocumentSource
{
    private readonly string subpath = Normalize(subpath);

    public override string? DisplayName => subpath;

    public override string Identity => "file-provider:" + subpath;

    public override bool Exists => provider.GetFileInfo(subpath).Exists;

    public override string ReadText()
    {
        var file = provider.GetFileInfo(subpath);
        if (file.Length > HoconLimits.MaxDocumentSize)
        {
            throw HoconText.TooLarge(DisplayName);
        }

        using var stream = file.CreateReadStream();
        return HoconText.Read(stream, DisplayName);
    }

    public override HoconDocumentSource Resolve(string name, HoconOrigin includedAt)
    {
        if (Path.IsPathRooted(name))
        {
            return new PhysicalDocumentSource(Path.GetFullPath(name));
        }

        var slash = subpath.LastIndexOf('/');
        var directory = slash < 0 ? string.Empty : subpath[..(slash + 1)];
        return new FileProviderDocumentSource(provider, directory + name);
    }

    /// <summary>Uses '/' separators and folds "." and ".." segments, which file providers do not accept.</summary>
    private static string Normalize(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Replace('\\', '/').Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0)
            {
                segments.RemoveAt(segments.Count - 1);
            }
            else
            {
                segments.Add(segment);
            }
        }

        return string.Join('/', segments);
    }
}
