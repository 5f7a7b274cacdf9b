using System.ComponentModel;
using ActorTrust.Hocon.Binding;

namespace ActorTrust.Hocon;

/// <summary>
/// Teaches the configuration binder HOCON's duration and size formats, so options classes bind
/// <see cref="TimeSpan"/> properties from values such as <c>15s</c> and <see cref="long"/>
/// properties from values such as <c>64 MiB</c>.
/// </summary>
/// <remarks>
/// <para>
/// The reflection-based binder (<c>ConfigurationBinder.Bind</c>, <c>Get&lt;T&gt;</c>,
/// <c>services.Configure&lt;T&gt;(section)</c>) converts strings with the type's
/// <see cref="TypeConverter"/>. <see cref="Register"/> installs process-wide converters through
/// <see cref="TypeDescriptor.AddAttributes(Type, Attribute[])"/>, so HOCON values are not
/// reinterpreted by the provider: the provider stays type-agnostic and the property type decides.
/// </para>
/// <para>
/// <see cref="TimeSpan"/>: text in the HOCON duration format (<see cref="HoconValues.ParseDuration"/>)
/// is read as a duration, so a bare number means milliseconds; anything else, such as
/// <c>00:00:15</c>, falls back to the standard <see cref="TimeSpanConverter"/>.
/// <see cref="long"/>: a plain integer is read as before; otherwise text in the HOCON size format
/// (<see cref="HoconValues.ParseSize"/>) is read as a byte count. Other numeric types are unchanged.
/// </para>
/// <para>
/// The configuration binding source generator does not consult type converters; projects that
/// enable it must parse with <see cref="HoconValues"/> themselves.
/// </para>
/// </remarks>
public static class HoconBinding
{
    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>
    /// Installs the duration and size converters. Idempotent and thread-safe; called by
    /// <see cref="HoconConfigurationExtensions.AddHoconFile(Microsoft.Extensions.Configuration.IConfigurationBuilder, string, bool, bool)"/>
    /// and <see cref="HoconConfigurationExtensions.AddHoconString"/>, so an explicit call is only needed
    /// when binding HOCON-style values that came from another source.
    /// </summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (registered)
            {
                return;
            }

            TypeDescriptor.AddAttributes(typeof(TimeSpan), new TypeConverterAttribute(typeof(HoconTimeSpanConverter)));
            TypeDescriptor.AddAttributes(typeof(long), new TypeConverterAttribute(typeof(HoconByteSizeConverter)));
            registered = true;
        }
    }
}
