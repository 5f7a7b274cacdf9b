namespace ActorTrust.Cli;

/// <summary>File reading with a size bound, so an oversize input is refused before it is loaded.</summary>
internal static class CliFiles
{
    public static async Task<byte[]> ReadBoundedAsync(string path, int maxBytes, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"'{path}' does not exist", path);
        }

        if (info.Length > maxBytes)
        {
            throw new FormatException($"'{path}' is {info.Length} bytes; the limit is {maxBytes}");
        }

        return await File.ReadAllBytesAsync(path, cancellationToken);
    }
}
