namespace ActorTrust.Runtime.Cluster;

/// <summary>Conversions between durations and <see cref="TimeProvider.GetTimestamp"/> ticks.</summary>
internal static class Monotonic
{
    public static long Ticks(TimeSpan span, TimeProvider time) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
