using System.Buffers;
using System.Text;

namespace ActorTrust.Core.Json;

/// <summary>
/// Writes a string as RFC 8785 §3.2.2.2 requires: quoted, with <c>\"</c> and <c>\\</c>, the short escapes
/// <c>\b \t \n \f \r</c>, other characters below U+0020 as <c>\u00xx</c> in lowercase hex, and everything
/// else (including <c>/</c>, DEL, non-ASCII and U+2028) as raw UTF-8.
/// </summary>
internal static class CanonicalStringWriter
{
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007f");

    private static ReadOnlySpan<byte> LowerHex => "0123456789abcdef"u8;

    /// <summary>
    /// Writes <paramref name="value"/>; returns the index of the first unpaired surrogate instead of
    /// writing past it, or -1 when the whole string was written.
    /// </summary>
    public static int Write(IBufferWriter<byte> output, ReadOnlySpan<char> value)
    {
        WriteByte(output, (byte)'"');
        var i = 0;
        while (i < value.Length)
        {
            // A run of printable ASCII other than '"' and '\\' is written as it is, in one step.
            var run = value[i..].IndexOfAnyExcept(Plain);
            run = run < 0 ? value.Length - i : run;
            if (run > 0)
            {
                var plain = output.GetSpan(run);
                Encoding.ASCII.GetBytes(value.Slice(i, run), plain);
                output.Advance(run);
                i += run;
                continue;
            }

            var c = value[i];
            if (c < 0x80)
            {
                WriteAscii(output, c);
                i++;
                continue;
            }

            if (Rune.DecodeFromUtf16(value[i..], out var rune, out var consumed) != OperationStatus.Done)
            {
                return i;
            }

            var span = output.GetSpan(4);
            output.Advance(rune.EncodeToUtf8(span));
            i += consumed;
        }

        WriteByte(output, (byte)'"');
        return -1;
    }

    private static void WriteAscii(IBufferWriter<byte> output, char c)
    {
        var escape = c switch
        {
            '"' => '"',
            '\\' => '\\',
            '\b' => 'b',
            '\t' => 't',
            '\n' => 'n',
            '\f' => 'f',
            '\r' => 'r',
            _ => '\0',
        };

        if (escape != '\0')
        {
            var span = output.GetSpan(2);
            span[0] = (byte)'\\';
            span[1] = (byte)escape;
            output.Advance(2);
        }
        else if (c < 0x20)
        {
            var span = output.GetSpan(6);
            "\\u00"u8.CopyTo(span);
            span[4] = LowerHex[c >> 4];
            span[5] = LowerHex[c & 0xF];
            output.Advance(6);
        }
        else
        {
            WriteByte(output, (byte)c);
        }
    }

    private static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }
}
