using System.Collections.Concurrent;

namespace ActorTrust.Node.Sessions;

/// <summary>
/// Session-claims nonces this node has seen, per peer key, until the claims expire (at most 10 minutes).
/// <see cref="TryReserve"/> is atomic: of two sessions presenting one nonce, exactly one reserves it; the other
/// is told it was seen, and the session decider refuses or degrades it as a replay.
/// </summary>
public sealed class NonceLedger : IClaimsNonceLedger
{
    private readonly ConcurrentDictionary<(string PeerKey, string Nonce), DateTimeOffset> _seen = new();
    private long _reservations;

    /// <summary>Nonces currently remembered.</summary>
    public int Count => _seen.Count;

    /// <summary>Reserves <paramref name="nonce"/> for <paramref name="peerKey"/>; false when it was already seen and is not yet expired.</summary>
    public bool TryReserve(string peerKey, string nonce, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (Interlocked.Increment(ref _reservations) % 1024 == 0)
        {
            Prune(now);
        }

        var key = (peerKey, nonce);
        if (_seen.TryAdd(key, expiresAt))
        {
            return true;
        }

        // An expired entry may be taken over: its claims can no longer verify anyway.
        return _seen.TryGetValue(key, out var existing) && existing <= now && _seen.TryUpdate(key, expiresAt, existing);
    }

    /// <inheritdoc />
    public ValueTask<bool> TryReserveAsync(string peerKey, string nonce, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TryReserve(peerKey, nonce, expiresAt, now));

    /// <summary>Records a nonce found in the journal at start-up.</summary>
    public void Remember(string peerKey, string nonce, DateTimeOffset expiresAt) => _seen[(peerKey, nonce)] = expiresAt;

    /// <summary>Forgets nonces whose claims have expired.</summary>
    public void Prune(DateTimeOffset now)
    {
        foreach (var (key, expiresAt) in _seen)
        {
            if (expiresAt <= now)
            {
                _seen.TryRemove(new KeyValuePair<(string, string), DateTimeOffset>(key, expiresAt));
            }
        }
    }
}
