using ActorTrust.Core.Lineage;
using Microsoft.Extensions.Configuration;

namespace ActorTrust.Node.Lineages;

/// <summary>Binds the lineage clocks (<c>actortrust.lineage</c>) into the <see cref="LineageSettings"/> every lineage command carries.</summary>
public static class LineageConfig
{
    /// <summary>Reads <c>lease-ttl</c>, <c>grace</c> and <c>handoff-timeout</c> (whole seconds), checking their ranges.</summary>
    public static LineageSettings Bind(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var settings = new LineageSettings(
            Seconds(section, "lease-ttl", LineageSettings.Default.LeaseTtlSeconds),
            Seconds(section, "grace", LineageSettings.Default.GraceSeconds),
            Seconds(section, "handoff-timeout", LineageSettings.Default.HandoffTimeoutSeconds));
        return settings.Validate() is { } error ? throw new ArgumentException($"actortrust.lineage: {error}") : settings;
    }

    /// <summary>Reads <c>deadline-check-interval</c> (0s = off), not negative.</summary>
    public static TimeSpan DeadlineCheckInterval(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var interval = section.GetValue("deadline-check-interval", TimeSpan.FromSeconds(10));
        return interval < TimeSpan.Zero
            ? throw new ArgumentException($"actortrust.lineage.deadline-check-interval must not be negative, got {interval}")
            : interval;
    }

    private static long Seconds(IConfigurationSection section, string key, long fallback)
    {
        var value = section.GetValue(key, TimeSpan.FromSeconds(fallback));
        return value.Ticks % TimeSpan.TicksPerSecond == 0
            ? (long)value.TotalSeconds
            : throw new ArgumentException($"actortrust.lineage.{key} must be a whole number of seconds, got {value}");
    }
}
