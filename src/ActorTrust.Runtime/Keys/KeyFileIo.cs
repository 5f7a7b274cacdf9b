using System.Globalization;
using System.Security.Cryptography;
using ActorTrust.Core.Keys;

namespace ActorTrust.Runtime.Keys;

/// <summary>
/// Reads and writes <see cref="KeyFile"/>s on disk: new files are created owner-only (0600) and never
/// silently replaced; reads refuse oversize files and, on Unix, files that group or others can access.
/// </summary>
public static class KeyFileIo
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Writes <paramref name="keyFile"/> to <paramref name="path"/> with mode 0600. An existing file is refused
    /// unless <paramref name="overwrite"/> is true, in which case it is replaced atomically by a new 0600 file.
    /// </summary>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false, or the write failed.</exception>
    public static void Write(string path, KeyFile keyFile, bool overwrite = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(keyFile);
        if (!overwrite && File.Exists(path))
        {
            throw new IOException($"key file '{path}' already exists; refusing to overwrite it");
        }

        var bytes = keyFile.ToUtf8Json();
        try
        {
            if (!overwrite)
            {
                WriteNew(path, bytes);
                return;
            }

            // A fresh 0600 file renamed over the old one: the old file's looser mode is never inherited.
            var temporary = string.Create(CultureInfo.InvariantCulture, $"{path}.{Guid.NewGuid():N}.tmp");
            try
            {
                WriteNew(temporary, bytes);
                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Reads and parses the key file at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">On Unix, the file is accessible by group or others.</exception>
    /// <exception cref="FormatException">The file is larger than 64 KiB or is not a valid key file.</exception>
    public static KeyFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(handle);
            if ((mode & GroupOrOther) != 0)
            {
                var octal = Convert.ToString((int)mode, 8).PadLeft(4, '0');
                throw new IOException($"key file '{path}' is accessible by group or others (mode {octal}); restrict it with: chmod 600 '{path}'");
            }
        }

        var length = RandomAccess.GetLength(handle);
        if (length > KeyFile.MaxSize)
        {
            throw new FormatException($"key file '{path}' is {length} bytes; the limit is {KeyFile.MaxSize}");
        }

        var buffer = GC.AllocateArray<byte>((int)length, pinned: true);
        try
        {
            var read = 0;
            int chunk;
            while (read < buffer.Length && (chunk = RandomAccess.Read(handle, buffer.AsSpan(read), read)) > 0)
            {
                read += chunk;
            }

            return KeyFile.TryParse(buffer.AsSpan(0, read), out var keyFile, out var error)
                ? keyFile
                : throw new FormatException($"key file '{path}': {error}");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    private static void WriteNew(string path, byte[] bytes)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using var stream = new FileStream(path, options);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }
}
