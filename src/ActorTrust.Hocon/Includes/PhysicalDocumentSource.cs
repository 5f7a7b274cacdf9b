using ActorTrust.Hocon.Parsing;

namespace ActorTrust.Hocon.Includes;

/// <summary>A document on the local file system; relative includes resolve against its directory.</summary>
internal sealed class PhysicalDocumentSource(string fullPath, string? displayName = null) : HoconDocumentSource
{
    public override string? DisplayName => displayName ?? fullPath;

    public override string Identity => fullPath;

    public override bool Exists => File.Exists(fullPath);

    public override string ReadText()
    {
        try
        {
            using var stream = File.OpenRead(fullPath);
            return HoconText.Read(stream, DisplayName);
        }
        catch (IOException e)
        {
            throw HoconOrigin.Document(DisplayName).Error($"could not read file: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw HoconOrigin.Document(DisplayName).Error($"could not read file: {e.Message}");
        }
    }

    public override HoconDocumentSource Resolve(string name, HoconOrigin includedAt)
    {
        var directory = Path.GetDirectoryName(fullPath) ?? string.Empty;
        return new PhysicalDocumentSource(Path.GetFullPath(Path.Combine(directory, name)));
    }
}
