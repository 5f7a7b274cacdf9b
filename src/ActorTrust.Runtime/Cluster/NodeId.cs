using System.Globalization;

namespace ActorTrust.Runtime.Cluster;

/// <summary>
/// A node process: <c>host:port:incarnation</c>. The incarnation is chosen at start (UTC ticks), so a restarted
/// process is a different node and never inherits the leases of the one before it (engines.md §8.1 rule 4).
/// </summary>
/// <param name="Host">The advertised host.</param>
/// <param name="Port">The advertised port.</param>
/// <param name="Incarnation">Start ticks of this process; strictly positive.</param>
public sealed record NodeId(string Host, int Port, long Incarnation)
{
    /// <summary><c>host:port</c>, the part that survives a restart.</summary>
    public string Endpoint => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A new incarnation of <paramref name="host"/>:<paramref name="port"/> taken from <paramref name="time"/>.</summary>
    public static NodeId Start(string host, int port, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new NodeId(host, port, time.GetUtcNow().UtcTicks);
    }

    /// <summary>Parses <c>host:port:incarnation</c>; false on anything else.</summary>
    public static bool TryParse(string? text, out NodeId? node)
    {
        node = null;
        if (string.IsNullOrEmpty(text) || text.Length > 300)
        {
            return false;
        }

        var last = text.LastIndexOf(':');
        var middle = last > 0 ? text.LastIndexOf(':', last - 1) : -1;
        if (middle <= 0
            || !int.TryParse(text.AsSpan(middle + 1, last - middle - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535
            || !long.TryParse(text.AsSpan(last + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var incarnation)
            || incarnation <= 0)
        {
            return false;
        }

        node = new NodeId(text[..middle], port, incarnation);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Endpoint}:{Incarnation.ToString(CultureInfo.InvariantCulture)}";
}
