using ActorTrust.Hocon.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;

namespace ActorTrust.Hocon;

/// <summary>
/// Adds HOCON documents to an <see cref="IConfigurationBuilder"/> so that options classes bind from
/// HOCON exactly as they do from JSON.
/// </summary>
/// <remarks>
/// <para>
/// The document is parsed, its includes are merged and its substitutions resolved (falling back to
/// environment variables), then it is flattened like the JSON provider: objects become sections
/// joined by <c>':'</c> (<c>actortrust { journal { batch-size = 500 } }</c> becomes
/// <c>actortrust:journal:batch-size</c>), array elements become <c>:0</c>, <c>:1</c>, …, numbers
/// and booleans keep the text they were written with, and <c>null</c> becomes a null value.
/// </para>
/// <para>
/// Keys are kept exactly as written. The configuration binder does not map kebab-case keys onto
/// PascalCase properties, so options properties name their HOCON key with
/// <see cref="ConfigurationKeyNameAttribute"/>, for example
/// <c>[ConfigurationKeyName("batch-size")] public int BatchSize { get; set; }</c>.
/// </para>
/// <para>
/// Each HOCON source is resolved on its own, before the configuration framework layers sources:
/// a substitution can only refer to settings in the same document or the documents it includes,
/// then to environment variables. To let an application file refer to defaults, include the
/// defaults (<c>include "reference.conf"</c>) rather than adding them as a separate source.
/// </para>
/// <para>
/// Adding a HOCON source also calls <see cref="HoconBinding.Register"/>, so <see cref="TimeSpan"/>
/// properties bind from HOCON durations such as <c>15s</c> and <see cref="long"/> properties from
/// sizes such as <c>64 MiB</c>.
/// </para>
/// </remarks>
public static class HoconConfigurationExtensions
{
    /// <summary>Adds a HOCON file, located relative to the builder's base path unless <paramref name="path"/> is absolute.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="path">Path of the file. Its includes are resolved relative to its directory.</param>
    /// <param name="optional">Whether a missing file is ignored instead of failing the build.</param>
    /// <param name="reloadOnChange">Whether to reload when the file changes. Changes to included files do not trigger a reload.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <remarks>
    /// A syntax or resolution error surfaces from <see cref="IConfigurationBuilder.Build"/> as an
    /// <see cref="InvalidDataException"/> naming the file, whose inner exception is the
    /// <see cref="HoconException"/> with the line and column.
    /// </remarks>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, string path, bool optional = false, bool reloadOnChange = false) =>
        AddHoconFile(builder, provider: null, path, optional, reloadOnChange);

    /// <summary>Adds a HOCON file served by a file provider.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="provider">
    /// The provider of the file, or <see langword="null"/> for the builder's default (its base path).
    /// When the file has a physical path, includes resolve on disk next to it (so <c>../common.conf</c> works);
    /// otherwise they resolve inside the same provider.
    /// </param>
    /// <param name="path">Path of the file within the provider.</param>
    /// <param name="optional">Whether a missing file is ignored instead of failing the build.</param>
    /// <param name="reloadOnChange">Whether to reload when the file changes. Changes to included files do not trigger a reload.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, IFileProvider? provider, string path, bool optional, bool reloadOnChange)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        HoconBinding.Register();
        var source = new HoconConfigurationSource
        {
            FileProvider = provider,
            Path = path,
            Optional = optional,
            ReloadOnChange = reloadOnChange,
        };
        source.ResolveFileProvider();
        return builder.Add(source);
    }

    /// <summary>Adds HOCON text held in memory, for tests and command-line tools.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="text">The document. It has no directory, so it may only include absolute paths.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <remarks>Errors surface from <see cref="IConfigurationBuilder.Build"/> as a <see cref="HoconException"/>.</remarks>
    public static IConfigurationBuilder AddHoconString(this IConfigurationBuilder builder, string text)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(text);
        HoconBinding.Register();
        return builder.Add(new HoconStringConfigurationSource(text));
    }
}
