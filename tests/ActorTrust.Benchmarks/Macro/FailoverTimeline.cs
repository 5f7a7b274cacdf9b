using System.Diagnostics;
using Npgsql;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// Where one failover's time goes, read from the lease table in database time: when the killed node's lease on the
/// probed shard expires, and when a survivor acquires it (an acquire sets <c>lease_expires_at = clock_timestamp() +
/// ttl</c>, so the first row seen with a new token dates its acquisition). Both are given in seconds after the kill,
/// on the benchmark's stopwatch; the rest of the failover is routing, activation and the reply.
/// </summary>
internal sealed class FailoverTimeline : IAsyncDisposable
{
    private static readonly TimeSpan PollPace = TimeSpan.FromMilliseconds(20);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<(double Expiry, double Acquired)> _watching;

    private FailoverTimeline(NpgsqlDataSource source, int shard, TimeSpan ttl, Stopwatch sinceKill) =>
        _watching = WatchAsync(source, shard, ttl, sinceKill, _stop.Token);

    /// <summary>Starts watching the <c>domain</c> row of <paramref name="shard"/>; call right after the kill.</summary>
    public static FailoverTimeline Start(NpgsqlDataSource source, int shard, TimeSpan ttl, Stopwatch sinceKill) => new(source, shard, ttl, sinceKill);

    /// <summary>Seconds after the kill at which the old lease expired and the new one was acquired; NaN when not seen.</summary>
    public async Task<(double Expiry, double Acquired)> ResultAsync(TimeSpan wait)
    {
        var done = await Task.WhenAny(_watching, Task.Delay(wait)) == _watching; // a bounded wait for the watcher's last read
        return done && _watching.IsCompletedSuccessfully ? _watching.Result : (double.NaN, double.NaN); // a failed read only loses the split
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _watching;
        }
        catch (Exception e) when (e is OperationCanceledException or NpgsqlException)
        {
            // stopped before it saw the acquisition, or a read failed: the split is reported as not seen
        }

        _stop.Dispose();
    }

    private static async Task<(double Expiry, double Acquired)> WatchAsync(
        NpgsqlDataSource source, int shard, TimeSpan ttl, Stopwatch sinceKill, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var read = new NpgsqlCommand(
            "SELECT clock_timestamp(), fencing_token, lease_expires_at FROM shard_leases WHERE kind = 'domain' AND shard = $1", connection);
        read.Parameters.Add(new NpgsqlParameter { Value = shard });
        var (dbAtKill, token, expires) = await ReadAsync(read, cancellationToken);
        var readAt = sinceKill.Elapsed;
        var expiry = (expires - dbAtKill + readAt).TotalSeconds;
        while (true)
        {
            await Task.Delay(PollPace, cancellationToken);
            var (_, nowToken, nowExpires) = await ReadAsync(read, cancellationToken);
            if (nowToken > token)
            {
                return (expiry, (nowExpires - ttl - dbAtKill + readAt).TotalSeconds);
            }
        }
    }

    private static async Task<(DateTime Now, long Token, DateTime Expires)> ReadAsync(NpgsqlCommand read, CancellationToken cancellationToken)
    {
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetDateTime(0), reader.GetInt64(1), reader.GetDateTime(2));
    }
}
