using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ActorTrust.TestKit.MultiNode;

/// <summary>
/// A node's own road to the database: a loopback TCP relay in front of the PostgreSQL server. <see cref="Cut"/>
/// drops every open connection (PostgreSQL aborts their transactions, as when a process dies or a network fails)
/// and refuses new ones until <see cref="Restore"/>, so the node's data sources fail fast and nothing else is hurt.
/// </summary>
public sealed class DbLink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<long, Pipe> _pipes = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _next;
    private volatile bool _cut;

    /// <summary>Starts relaying 127.0.0.1:<see cref="Port"/> to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    public DbLink(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>The loopback port the node connects to.</summary>
    public int Port { get; }

    /// <summary>True while cut.</summary>
    public bool IsCut => _cut;

    /// <summary>Connections relayed so far.</summary>
    public long Connections => Interlocked.Read(ref _next);

    /// <summary>Drops every open connection and refuses new ones.</summary>
    public void Cut()
    {
        _cut = true;
        foreach (var pipe in _pipes.Values)
        {
            pipe.Close();
        }
    }

    /// <summary>Accepts connections again (dropped ones stay dropped).</summary>
    public void Restore() => _cut = false;

    /// <summary>Rewrites <paramref name="connectionString"/> (host and port) to go through this link.</summary>
    public string Route(string connectionString) => new Npgsql.NpgsqlConnectionStringBuilder(connectionString)
    {
        Host = "127.0.0.1",
        Port = Port,
    }.ConnectionString;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_cut)
            {
                client.Close();
                continue;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var server = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        var pipe = new Pipe(client, server);
        var id = Interlocked.Increment(ref _next);
        _pipes[id] = pipe;
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            if (_cut)
            {
                return;
            }

            var a = client.GetStream();
            var b = server.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // a dropped link: closing both ends below is all there is to do
        }
        finally
        {
            _pipes.TryRemove(id, out _);
            pipe.Close();
        }
    }

    private sealed class Pipe(TcpClient client, TcpClient server)
    {
        public void Close()
        {
            client.Close();
            server.Close();
        }
    }
}
