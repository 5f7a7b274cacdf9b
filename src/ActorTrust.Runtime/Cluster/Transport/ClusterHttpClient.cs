namespace ActorTrust.Runtime.Cluster.Transport;

/// <summary>
/// The node-to-node <see cref="HttpClient"/>, replaced when the node's certificate changes. An HTTP/2 connection
/// presents the client certificate it was opened with for as long as it lives, and a busy pooled connection never
/// goes idle; so when <c>identity</c> reports a different certificate (checked at most once per
/// <c>checkInterval</c>), later requests go through a fresh client whose connections present the new certificate.
/// The replaced client is disposed after <c>retireAfter</c>, when requests still running on it have finished.
/// </summary>
public sealed class ClusterHttpClient : IDisposable
{
    private readonly Func<HttpClient> _create;
    private readonly Func<object?>? _identity;
    private readonly TimeProvider _time;
    private readonly TimeSpan _checkInterval;
    private readonly TimeSpan _retireAfter;
    private readonly Lock _gate = new();
    private readonly List<HttpClient> _retired = [];
    private HttpClient _current;
    private object? _currentIdentity;
    private long _checkedAt;
    private bool _disposed;

    /// <summary>
    /// A client made by <paramref name="create"/>, renewed whenever <paramref name="identity"/> (the certificate the
    /// client presents; compared by reference) changes. Without <paramref name="identity"/> the client is never renewed.
    /// </summary>
    public ClusterHttpClient(Func<HttpClient> create, Func<object?>? identity = null, TimeProvider? time = null, TimeSpan? checkInterval = null, TimeSpan? retireAfter = null)
    {
        ArgumentNullException.ThrowIfNull(create);
        _create = create;
        _identity = identity;
        _time = time ?? TimeProvider.System;
        _checkInterval = checkInterval ?? TimeSpan.FromSeconds(1);
        _retireAfter = retireAfter ?? TimeSpan.FromSeconds(60);
        _currentIdentity = identity?.Invoke();
        _current = create();
        _checkedAt = _time.GetTimestamp();
    }

    /// <summary>How many times the client was replaced because the certificate changed.</summary>
    public int Renewals { get; private set; }

    /// <summary>The client to send the next request with.</summary>
    public HttpClient Current
    {
        get
        {
            if (_identity is null || _time.GetElapsedTime(Volatile.Read(ref _checkedAt)) < _checkInterval)
            {
                return Volatile.Read(ref _current);
            }

            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_time.GetElapsedTime(_checkedAt) >= _checkInterval)
                {
                    var identity = _identity();
                    if (!ReferenceEquals(identity, _currentIdentity))
                    {
                        Renew(identity);
                    }

                    Volatile.Write(ref _checkedAt, _time.GetTimestamp());
                }

                return _current;
            }
        }
    }

    /// <summary>Disposes the current client and every replaced one.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _current.Dispose();
            foreach (var retired in _retired)
            {
                retired.Dispose();
            }

            _retired.Clear();
        }
    }

    private void Renew(object? identity)
    {
        var old = _current;
        Volatile.Write(ref _current, _create());
        _currentIdentity = identity;
        Renewals++;
        _retired.Add(old);
        _ = RetireAsync(old);
    }

    private async Task RetireAsync(HttpClient old)
    {
        try
        {
            await Task.Delay(_retireAfter, _time);
        }
        finally
        {
            lock (_gate)
            {
                if (_retired.Remove(old))
                {
                    old.Dispose();
                }
            }
        }
    }
}
