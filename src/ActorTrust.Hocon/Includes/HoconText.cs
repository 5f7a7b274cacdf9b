using System.Text;
using ActorTrust.Hocon.Parsing;

namespace ActorTrust.Hocon.Includes;

/// <summary>Reads HOCON text: strict UTF-8 (a leading BOM is skipped) and at most <see cref="HoconLimits.MaxDocumentSize"/> bytes.</summary>
internal static class HoconText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Read(Stream stream, string? displayName)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > HoconLimits.MaxDocumentSize)
            {
                throw TooLarge(displayName);
            }
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith(StrictUtf8.Preamble))
        {
            bytes = bytes[StrictUtf8.Preamble.Length..];
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw HoconOrigin.Document(displayName).Error("the document is not valid UTF-8");
        }
    }

    public static HoconException TooLarge(string? displayName) =>
        HoconOrigin.Document(displayName).Error($"the document is larger than the {HoconLimits.MaxDocumentSize / (1024 * 1024)} MiB limit");
}
