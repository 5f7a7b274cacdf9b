using System.Diagnostics.Metrics;
using ActorTrust.Node.Metrics;
using Microsoft.Extensions.Logging;

namespace ActorTrust.Node.Security;

/// <summary>
/// Security events: authentication failures and refusals are counted (<c>actortrust.auth.failures</c>,
/// <c>actortrust.auth.forbidden</c>, <c>actortrust.ratelimit.rejected</c>) and logged with the remote address and the
/// reason. Neither ever carries a secret: reasons name token ids and certificate subjects only.
/// </summary>
public sealed partial class SecurityLog
{
    private readonly ILogger _logger;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _forbidden;
    private readonly Counter<long> _rateLimited;

    /// <summary>Creates the instruments on the node meter.</summary>
    public SecurityLog(NodeMetrics metrics, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(loggers);
        _logger = loggers.CreateLogger("ActorTrust.Security");
        _failures = metrics.Meter.CreateCounter<long>("actortrust.auth.failures", description: "Requests refused for missing or invalid credentials, by surface and reason");
        _forbidden = metrics.Meter.CreateCounter<long>("actortrust.auth.forbidden", description: "Authenticated requests refused for their role, by surface");
        _rateLimited = metrics.Meter.CreateCounter<long>("actortrust.ratelimit.rejected", description: "Requests refused by the per-principal rate limit");
    }

    /// <summary>Records a refused authentication (401).</summary>
    public void Failed(string surface, string? remote, string reason, string reasonCode)
    {
        _failures.Add(1, new KeyValuePair<string, object?>("surface", surface), new KeyValuePair<string, object?>("reason", reasonCode));
        LogFailed(_logger, surface, remote ?? "unknown", reason);
    }

    /// <summary>Records a refused authorization (403).</summary>
    public void Forbidden(string surface, string? remote, string principal, ApiRole role, ApiRole required)
    {
        _forbidden.Add(1, new KeyValuePair<string, object?>("surface", surface));
        LogForbidden(_logger, surface, remote ?? "unknown", principal, ApiRoles.Name(role), ApiRoles.Name(required));
    }

    /// <summary>Records a rate-limited request (429).</summary>
    public void RateLimited(string? remote, string principal)
    {
        _rateLimited.Add(1);
        LogRateLimited(_logger, remote ?? "unknown", principal);
    }

    /// <summary>Warns that the node runs without TLS or authentication.</summary>
    public void InsecureMode(string urls) => LogInsecure(_logger, urls);

    /// <summary>Notes a certificate (re)load.</summary>
    public void CertificateLoaded(string subject, DateTime notAfter) => LogCertificate(_logger, subject, notAfter);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Authentication failed on {Surface} from {Remote}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string surface, string remote, string reason);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "Forbidden on {Surface} from {Remote}: principal {Principal} has role {Role}, the route needs {Required}")]
    private static partial void LogForbidden(ILogger logger, string surface, string remote, string principal, string role, string required);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "Rate limit reached from {Remote} for principal {Principal}")]
    private static partial void LogRateLimited(ILogger logger, string remote, string principal);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Warning, Message = "INSECURE MODE: no TLS and no authentication on {Urls}. For local development only")]
    private static partial void LogInsecure(ILogger logger, string urls);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Information, Message = "Node certificate loaded: {Subject}, valid until {NotAfter:O}")]
    private static partial void LogCertificate(ILogger logger, string subject, DateTime notAfter);
}
