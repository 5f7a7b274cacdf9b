using System.Net;
using ActorTrust.Core.Requests;
using Microsoft.Extensions.Configuration;

namespace ActorTrust.Node.Security;

/// <summary>
/// <c>actortrust.security</c>: TLS files, the tokens file, insecure mode and the per-principal rate limit. Secure by
/// default: a node without certificates refuses to start unless insecure mode is on, and insecure mode is allowed only
/// when every listen address is loopback.
/// </summary>
public sealed class SecurityOptions
{
    /// <summary>Plain HTTP with no authentication; loopback addresses only, for local development.</summary>
    public bool Insecure { get; init; }

    /// <summary>PEM bundle of the trusted cluster CA certificates (client and node certificates must chain to one).</summary>
    public string CaFile { get; init; } = string.Empty;

    /// <summary>This node's certificate (PEM).</summary>
    public string CertFile { get; init; } = string.Empty;

    /// <summary>This node's private key (PEM, mode 0600).</summary>
    public string KeyFile { get; init; } = string.Empty;

    /// <summary>The bearer-token file (digests only); empty means <c>&lt;data-dir&gt;/tokens.json</c>.</summary>
    public string TokensFile { get; init; } = string.Empty;

    /// <summary>Requests one principal may make per <see cref="RateLimitWindow"/>; zero turns the limit off.</summary>
    public int RateLimitPermits { get; init; } = 1000;

    /// <summary>The rate-limit window.</summary>
    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How fresh a signed request (a federation operator's, a peer's or a lineage executor's request authorization)
    /// must be: <c>actortrust.security.request-authorization { max-age, clock-skew }</c>.
    /// </summary>
    public RequestFreshness RequestFreshness { get; init; } = RequestFreshness.Default;

    /// <summary>True when the node serves TLS (certificate files given).</summary>
    public bool TlsConfigured => CertFile.Length > 0 || KeyFile.Length > 0 || CaFile.Length > 0;

    /// <summary>Binds <c>actortrust.security</c>.</summary>
    public static SecurityOptions Bind(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new SecurityOptions
        {
            Insecure = section.GetValue("insecure", false),
            CaFile = section.GetValue<string>("tls:ca-file") ?? string.Empty,
            CertFile = section.GetValue<string>("tls:cert-file") ?? string.Empty,
            KeyFile = section.GetValue<string>("tls:key-file") ?? string.Empty,
            TokensFile = section.GetValue<string>("tokens-file") ?? string.Empty,
            RateLimitPermits = section.GetValue("rate-limit:permits", 1000),
            RateLimitWindow = section.GetValue("rate-limit:window", TimeSpan.FromSeconds(1)),
            RequestFreshness = new RequestFreshness(
                section.GetValue("request-authorization:max-age", RequestFreshness.Default.MaxAge),
                section.GetValue("request-authorization:clock-skew", RequestFreshness.Default.AllowedClockSkew)),
        };
    }

    /// <summary>Throws when a value is out of range, naming the setting (checked whenever settings load).</summary>
    public void Validate()
    {
        if (RateLimitPermits < 0)
        {
            throw new ArgumentException("actortrust.security.rate-limit.permits must not be negative (0 turns the limit off)");
        }

        if (RateLimitWindow <= TimeSpan.Zero)
        {
            throw new ArgumentException("actortrust.security.rate-limit.window must be positive");
        }

        if (RequestFreshness.Validate() is { } freshness)
        {
            throw new ArgumentException($"actortrust.security.request-authorization: {freshness}");
        }
    }

    /// <summary>
    /// Throws when the node must not start with these settings listening on <paramref name="urls"/>: no certificates
    /// without insecure mode, insecure mode on a non-loopback address, or TLS on a plain-HTTP address.
    /// </summary>
    public void ValidateForStart(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var addresses = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (Insecure)
        {
            if (TlsConfigured)
            {
                throw new ArgumentException("actortrust.security.insecure = true cannot be combined with actortrust.security.tls files: choose one");
            }

            foreach (var address in addresses)
            {
                if (!IsLoopback(address))
                {
                    throw new ArgumentException(
                        $"insecure mode (--insecure / actortrust.security.insecure) is allowed only on loopback addresses; '{address}' is not loopback. Configure actortrust.security.tls to listen on it");
                }
            }

            return;
        }

        if (!TlsConfigured)
        {
            throw new ArgumentException(
                "the node has no TLS certificates: set actortrust.security.tls { ca-file, cert-file, key-file } (see `actortrust cert`), or run with --insecure on a loopback address for local development");
        }

        foreach (var (setting, file) in new[] { ("ca-file", CaFile), ("cert-file", CertFile), ("key-file", KeyFile) })
        {
            if (file.Length == 0 || !File.Exists(file))
            {
                throw new ArgumentException($"actortrust.security.tls.{setting} '{file}' does not name a readable file");
            }
        }

        foreach (var address in addresses)
        {
            if (!address.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"actortrust.node.urls '{address}' must be https:// when TLS is configured");
            }
        }
    }

    /// <summary>True when <paramref name="url"/> listens on a loopback address only.</summary>
    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
