using System.ComponentModel;
using System.Globalization;

namespace ActorTrust.Hocon.Binding;

/// <summary>Converts HOCON durations (<c>15s</c>, <c>250 ms</c>, <c>500</c>) to <see cref="TimeSpan"/>; other text goes to the standard converter.</summary>
internal sealed class HoconTimeSpanConverter : TimeSpanConverter
{
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text && HoconValues.TryParseDuration(text, out var duration)
            ? duration
            : base.ConvertFrom(context, culture, value);
}
