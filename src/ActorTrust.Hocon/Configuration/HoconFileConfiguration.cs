using ActorTrust.Hocon.Includes;
using Microsoft.Extensions.Configuration;

namespace ActorTrust.Hocon.Configuration;

/// <summary>A HOCON file as a configuration source.</summary>
internal sealed class HoconConfigurationSource : FileConfigurationSource
{
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new HoconConfigurationProvider(this);
    }
}

/// <summary>
/// Loads a HOCON file. The file provider supplies the main document; includes resolve next to its
/// physical path when it has one, otherwise through the same file provider.
/// </summary>
internal sealed class HoconConfigurationProvider(HoconConfigurationSource source) : FileConfigurationProvider(source)
{
    public override void Load(Stream stream)
    {
        var path = Source.Path ?? string.Empty;
        var text = HoconText.Read(stream, path);
        Data = HoconLoader.Load(text, Document(path));
    }

    private HoconDocumentSource Document(string path)
    {
        var provider = Source.FileProvider;
        var physical = provider?.GetFileInfo(path).PhysicalPath;
        return physical is not null || provider is null
            ? new PhysicalDocumentSource(Path.GetFullPath(physical ?? path), path)
            : new FileProviderDocumentSource(provider, path);
    }
}
