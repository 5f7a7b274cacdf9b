using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Tests.TestSupport;

/// <summary>
/// One folder of generated, committed vectors (tests/vectors/&lt;name&gt;, copied to the output as vectors/&lt;name&gt;).
/// <see cref="CheckCommitted"/> fails when the files differ from what the generator writes; with
/// ACTORTRUST_WRITE_VECTORS set to this set's folder in the repository (tests/vectors/&lt;name&gt;) it (re)writes
/// them instead. Pointed at another set's folder, it checks as usual.
/// </summary>
internal sealed class VectorFolder(string name, string prefix)
{
    public static readonly JsonSerializerOptions Indented = new(ActorTrustJson.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string OutputPath => Path.Combine(AppContext.BaseDirectory, "vectors", name);

    public IEnumerable<string> Files() => Directory.GetFiles(OutputPath, $"{prefix}-*.json").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal);

    public byte[] Read(string file) => File.ReadAllBytes(Path.Combine(OutputPath, file));

    public static byte[] ToFileBytes<T>(T value) => [.. JsonSerializer.SerializeToUtf8Bytes(value, Indented), (byte)'\n'];

    /// <summary>The folder ACTORTRUST_WRITE_VECTORS names when it is <paramref name="set"/>'s own, else null.</summary>
    public static string? WriteFolder(string set)
    {
        var writeTo = Environment.GetEnvironmentVariable("ACTORTRUST_WRITE_VECTORS");
        return !string.IsNullOrEmpty(writeTo) && Path.GetFileName(Path.TrimEndingDirectorySeparator(writeTo)) == set ? writeTo : null;
    }

    public void CheckCommitted(IReadOnlyList<(string Id, byte[] Bytes)> generated)
    {
        var writeTo = WriteFolder(name);
        foreach (var (id, bytes) in generated)
        {
            var file = $"{id}.json";
            if (!string.IsNullOrEmpty(writeTo))
            {
                File.WriteAllBytes(Path.Combine(writeTo, file), bytes);
                continue;
            }

            var path = Path.Combine(OutputPath, file);
            File.Exists(path).ShouldBeTrue($"{name}/{file} is missing; regenerate the vectors");
            Encoding.UTF8.GetString(File.ReadAllBytes(path)).ShouldBe(Encoding.UTF8.GetString(bytes), $"{name}/{file}");
        }

        if (string.IsNullOrEmpty(writeTo))
        {
            Files().Count().ShouldBe(generated.Count, $"{name} holds files the generator does not write");
        }
    }
}
