using System.Net;
using System.Net.Sockets;
using ActorTrust.TestKit.Network;

namespace ActorTrust.Runtime.Tests.TestKit;

/// <summary>Ports for test servers come from below the ephemeral range, so outgoing connections cannot take them first.</summary>
public sealed class LoopbackPortsTests
{
    [Fact]
    public void A_free_port_lies_below_the_kernels_ephemeral_range_and_can_be_bound()
    {
        var range = LoopbackPorts.EphemeralRange();
        var port = LoopbackPorts.Free();

        port.ShouldBeInRange(LoopbackPorts.FirstPort, range.Low - 1);
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
    }

    [Fact]
    public void A_port_in_use_is_not_handed_out()
    {
        // Hold one port at the top of a candidate range of about 1000 ports ([FirstPort, held]): 5000 draws would hit
        // it with a chance above 99 % if it were not checked.
        using var held = HoldOnePortFrom(LoopbackPorts.FirstPort + 1000, LoopbackPorts.FirstPort + 1100);
        var heldPort = ((IPEndPoint)held.LocalEndpoint).Port;

        for (var i = 0; i < 5000; i++)
        {
            LoopbackPorts.Free((heldPort + 1, 60999)).ShouldNotBe(heldPort);
        }
    }

    [Fact]
    public void With_no_room_below_the_ephemeral_range_the_kernel_assigns_the_port()
    {
        var port = LoopbackPorts.Free((1024, 65000));

        port.ShouldBeInRange(1, 65535);
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
    }

    [Theory]
    [InlineData("32768\t60999\n", 32768, 60999)]
    [InlineData("40000 50000", 40000, 50000)]
    public void The_range_file_is_read_as_two_ports(string text, int low, int high) =>
        LoopbackPorts.ParseRange(text).ShouldBe((low, high));

    [Theory]
    [InlineData("")]
    [InlineData("32768")]
    [InlineData("32768 60999 7")]
    [InlineData("60999 32768")]
    [InlineData("0 60999")]
    [InlineData("32768 70000")]
    [InlineData("-1 60999")]
    [InlineData("a b")]
    public void A_malformed_range_file_gives_the_default_range(string text) =>
        LoopbackPorts.ParseRange(text).ShouldBe(LoopbackPorts.DefaultEphemeralRange);

    private static TcpListener HoldOnePortFrom(int first, int last)
    {
        for (var port = first; port <= last; port++)
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            try
            {
                listener.Start();
                return listener;
            }
            catch (SocketException)
            {
                listener.Dispose();
            }
        }

        throw new InvalidOperationException($"no free loopback port in {first}-{last}");
    }
}
