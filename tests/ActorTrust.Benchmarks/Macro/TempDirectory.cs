using Microsoft.Data.Sqlite;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>A fresh directory under the system temp path, deleted (with every database in it) on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"actortrust-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A new database file path in this directory.</summary>
    public string Database(string name) => System.IO.Path.Combine(Path, name + ".db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"could not remove {Path}: {ex.Message}");
        }
    }
}
