using System.Security.Cryptography;
using System.Text;

namespace ActorTrust.Node.Security;

/// <summary>
/// The node's view of the tokens file. Before each check the file's size and write time are compared with the
/// loaded copy and it is re-read when they differ, so a revocation (or a new token) takes effect on the next request.
/// Presented secrets are hashed and compared with every stored digest in constant time.
/// </summary>
public sealed class TokenStore(string path, TimeProvider time)
{
    private readonly Lock _gate = new();
    private (DateTime WrittenAt, long Length) _loadedStamp = (DateTime.MinValue, -1);
    private IReadOnlyList<(StoredToken Token, byte[] Digest)> _tokens = [];

    /// <summary>The file this store reads.</summary>
    public string Path { get; } = path;

    /// <summary>The principal and role of <paramref name="secret"/>, or the reason it is refused.</summary>
    public (AuthenticatedPrincipal? Principal, string? Refusal) Authenticate(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var tokens = Current();
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        StoredToken? match = null;
        foreach (var (token, digest) in tokens)
        {
            // No early exit: the time taken does not depend on which entry (if any) matches.
            if (CryptographicOperations.FixedTimeEquals(presented, digest))
            {
                match = token;
            }
        }

        if (match is null)
        {
            return (null, "unknown token");
        }

        if (match.RevokedAt is not null)
        {
            return (null, $"token {match.Id} is revoked");
        }

        if (match.ExpiresAt is { } expiry && time.GetUtcNow() >= expiry)
        {
            return (null, $"token {match.Id} expired");
        }

        return ApiRoles.TryParse(match.Role, out var role)
            ? (new AuthenticatedPrincipal(match.Principal, role, "token"), null)
            : (null, $"token {match.Id} has no valid role");
    }

    private IReadOnlyList<(StoredToken Token, byte[] Digest)> Current()
    {
        var info = new FileInfo(Path);
        var stamp = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1L);
        lock (_gate)
        {
            if (stamp != _loadedStamp)
            {
                _tokens = [.. TokenFile.Read(Path).Select(t => (t, Convert.FromHexString(t.Sha256)))];
                _loadedStamp = stamp;
            }

            return _tokens;
        }
    }
}

/// <summary>An authenticated API caller.</summary>
/// <param name="Name">The principal.</param>
/// <param name="Role">Its API role.</param>
/// <param name="Method"><c>token</c>, <c>certificate</c> or <c>insecure</c>.</param>
public sealed record AuthenticatedPrincipal(string Name, ApiRole Role, string Method);
