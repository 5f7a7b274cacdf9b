using System.ComponentModel;
using System.Globalization;

namespace ActorTrust.Hocon.Binding;

/// <summary>Converts plain integers as usual and HOCON sizes (<c>64 MiB</c>, <c>10kB</c>) to byte counts.</summary>
internal sealed class HoconByteSizeConverter : Int64Converter
{
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        if (value is string text)
        {
            if (long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            if (HoconValues.TryParseSize(text, out var bytes))
            {
                return bytes;
            }
        }

        return base.ConvertFrom(context, culture, value);
    }
}
