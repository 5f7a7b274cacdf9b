using ActorTrust.Hocon.Configuration;
using ActorTrust.Hocon.Includes;
using ActorTrust.Hocon.Model;
using Microsoft.Extensions.Configuration;

namespace ActorTrust.Hocon.Tests;

/// <summary>Loads HOCON text without touching the process environment unless a test asks for it.</summary>
internal static class HoconTestSupport
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    /// <summary>The flattened configuration data for a document.</summary>
    public static Dictionary<string, string?> Load(string text, Func<string, string?>? environment = null) =>
        HoconLoader.Load(text, new StringDocumentSource(), environment ?? NoEnvironment);

    /// <summary>The resolved tree, for tests about value types.</summary>
    public static ObjectNode Resolve(string text) =>
        HoconLoader.ParseAndResolve(text, new StringDocumentSource(), NoEnvironment);

    /// <summary>A configuration built through the public extension, using the real environment.</summary>
    public static IConfigurationRoot Build(string text) => new ConfigurationBuilder().AddHoconString(text).Build();

    public static HoconException Fails(string text) => Should.Throw<HoconException>(() => Load(text));

    /// <summary>Asserts that two documents produce the same configuration, as the specification's "equivalent" examples say.</summary>
    public static void ShouldBeEquivalent(string text, string equivalent) =>
        Load(text).OrderBy(p => p.Key, StringComparer.Ordinal).ShouldBe(Load(equivalent).OrderBy(p => p.Key, StringComparer.Ordinal));

    public static Dictionary<string, string?> Data(params (string Key, string? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Asserts the loaded data is exactly the given entries.</summary>
    public static void ShouldLoadAs(string text, params (string Key, string? Value)[] entries) =>
        Load(text).OrderBy(p => p.Key, StringComparer.Ordinal)
            .ShouldBe(Data(entries).OrderBy(p => p.Key, StringComparer.Ordinal));
}

/// <summary>A unique directory under the system temp directory, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "actortrust-hocon-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes a file (creating directories) and returns its full path.</summary>
    public string Write(string relativePath, string contents)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, contents);
        return full;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
