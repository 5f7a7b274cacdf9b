using ActorTrust.Hocon;
using Microsoft.Extensions.Configuration;

namespace ActorTrust.Cli.Configuration;

/// <summary>
/// Loads ActorTrust configuration the way every binary does: the embedded <c>reference.conf</c> first,
/// then the operator's file, later settings winning.
/// </summary>
internal static class ActorTrustConfiguration
{
    public static string ReferenceText()
    {
        using var stream = typeof(ActorTrustConfiguration).Assembly.GetManifestResourceStream("reference.conf")
            ?? throw new InvalidOperationException("reference.conf is not embedded in this build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IConfigurationRoot Load(string? configFile)
    {
        var builder = new ConfigurationBuilder().AddHoconString(ReferenceText());
        if (configFile is not null)
        {
            var full = Path.GetFullPath(configFile);
            if (!File.Exists(full))
            {
                throw new FileNotFoundException($"configuration file '{configFile}' does not exist", configFile);
            }

            builder.AddHoconFile(full);
        }

        return builder.Build();
    }
}
