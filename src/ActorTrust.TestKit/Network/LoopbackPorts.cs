using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ActorTrust.TestKit.Network;

/// <summary>
/// Loopback TCP ports for the servers tests and benchmarks start (node APIs, cluster listeners, PostgreSQL).
/// </summary>
/// <remarks>
/// A port the kernel hands out for <c>bind(0)</c> comes from its ephemeral range, the same range every outgoing
/// connection takes its source port from; between finding such a port free and the server binding it, a connection to
/// PostgreSQL or to another node can take it, and the server fails with "address already in use". These ports are
/// chosen below the ephemeral range (read from <c>/proc/sys/net/ipv4/ip_local_port_range</c>), where no outgoing
/// connection lands, and checked free by binding them once.
/// </remarks>
public static class LoopbackPorts
{
    /// <summary>The lowest port handed out (above the well-known and common service ports).</summary>
    public const int FirstPort = 20000;

    private const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
    private const int Attempts = 100;

    /// <summary>The kernel's default ephemeral range on Linux, used when <c>/proc</c> cannot be read.</summary>
    public static (int Low, int High) DefaultEphemeralRange { get; } = (32768, 60999);

    /// <summary>A loopback port nothing listens on now, below the ephemeral range when that leaves room.</summary>
    public static int Free() => Free(EphemeralRange());

    /// <summary>
    /// A loopback port nothing listens on now, chosen at random in [<see cref="FirstPort"/>, <paramref name="ephemeral"/>.Low);
    /// when fewer than 1000 ports lie there, or none of <c>100</c> tries is free, a port the kernel assigns.
    /// </summary>
    public static int Free((int Low, int High) ephemeral)
    {
        if (ephemeral.Low - FirstPort >= 1000)
        {
            for (var i = 0; i < Attempts; i++)
            {
                var port = Random.Shared.Next(FirstPort, ephemeral.Low);
                if (CanBind(port))
                {
                    return port;
                }
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The kernel's ephemeral port range, or <see cref="DefaultEphemeralRange"/> when it cannot be read.</summary>
    public static (int Low, int High) EphemeralRange()
    {
        try
        {
            return File.Exists(RangeFile) ? ParseRange(File.ReadAllText(RangeFile)) : DefaultEphemeralRange;
        }
        catch (IOException)
        {
            return DefaultEphemeralRange;
        }
        catch (UnauthorizedAccessException)
        {
            return DefaultEphemeralRange;
        }
    }

    /// <summary>
    /// Parses the two numbers of <c>ip_local_port_range</c> ("32768\t60999"); anything else (not two ports, low above
    /// high) gives <see cref="DefaultEphemeralRange"/>.
    /// </summary>
    public static (int Low, int High) ParseRange(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var high)
            && low is >= 1 and <= 65535 && high is >= 1 and <= 65535 && low <= high
            ? (low, high)
            : DefaultEphemeralRange;
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
