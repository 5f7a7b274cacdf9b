using ActorTrust.Hocon.Includes;
using Microsoft.Extensions.Configuration;

namespace ActorTrust.Hocon.Configuration;

/// <summary>HOCON text held in memory as a configuration source.</summary>
internal sealed class HoconStringConfigurationSource(string text) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconStringConfigurationProvider(text);
}

/// <summary>Loads HOCON text; only absolute includes can be resolved because the text has no directory.</summary>
internal sealed class HoconStringConfigurationProvider(string text) : ConfigurationProvider
{
    public override void Load() => Data = HoconLoader.Load(text, new StringDocumentSource());
}
