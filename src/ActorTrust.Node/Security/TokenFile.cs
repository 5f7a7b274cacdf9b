using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorTrust.Node.Security;

/// <summary>One bearer token as stored: never the secret, only its SHA-256 digest (lower-case hex).</summary>
/// <param name="Id">Public handle used to revoke it.</param>
/// <param name="Principal">Who presents it.</param>
/// <param name="Role">reader, operator or admin.</param>
/// <param name="Sha256">SHA-256 of the secret's UTF-8 bytes.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="ExpiresAt">When it stops working, or null for never.</param>
/// <param name="RevokedAt">When it was revoked, or null.</param>
public sealed record StoredToken(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("principal")] string Principal,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("revoked_at")] DateTimeOffset? RevokedAt);

/// <summary>
/// The tokens file (JSON, mode 0600): creating a token draws a random secret, stores its digest and returns the
/// secret once; revoking marks it. Every write replaces the file atomically, so a node reading it never sees half.
/// </summary>
public static class TokenFile
{
    /// <summary>Prefix of every secret, so a leaked one is recognisable by scanners.</summary>
    public const string SecretPrefix = "atk_";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Reads the tokens; a missing file holds none.</summary>
    public static IReadOnlyList<StoredToken> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var document = JsonSerializer.Deserialize<Document>(File.ReadAllBytes(path), Json)
            ?? throw new InvalidDataException($"{path} is not a tokens file");
        return document.Tokens ?? [];
    }

    /// <summary>Adds a token for <paramref name="principal"/>; returns the stored entry and the secret (shown once).</summary>
    public static (StoredToken Token, string Secret) Create(string path, string principal, ApiRole role, DateTimeOffset now, DateTimeOffset? expiresAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        if (role == ApiRole.None)
        {
            throw new ArgumentException("a token needs a role: reader, operator or admin");
        }

        if (expiresAt is { } expiry && expiry <= now)
        {
            throw new ArgumentException("--expires must be in the future");
        }

        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new StoredToken("tok_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), principal, ApiRoles.Name(role), Digest(secret), now, expiresAt, null);
        Write(path, [.. Read(path), token]);
        return (token, secret);
    }

    /// <summary>Revokes the token <paramref name="idOrPrincipal"/> names (an id, or every token of a principal); returns how many.</summary>
    public static int Revoke(string path, string idOrPrincipal, DateTimeOffset now)
    {
        var revoked = 0;
        var tokens = Read(path).Select(t =>
        {
            if (t.RevokedAt is null && (t.Id == idOrPrincipal || t.Principal == idOrPrincipal))
            {
                revoked++;
                return t with { RevokedAt = now };
            }

            return t;
        }).ToList();
        if (revoked > 0)
        {
            Write(path, tokens);
        }

        return revoked;
    }

    /// <summary>SHA-256 of <paramref name="secret"/> as lower-case hex.</summary>
    public static string Digest(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    private static void Write(string path, IReadOnlyList<StoredToken> tokens)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Environment.ProcessId;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, new Document(tokens), Json);
        }

        File.Move(temp, full, overwrite: true);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record Document([property: JsonPropertyName("tokens")] IReadOnlyList<StoredToken>? Tokens);
}
