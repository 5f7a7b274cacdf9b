using System.Net;

namespace ActorTrust.Core.Federation.Grants;

/// <summary>The rules a grant request must meet: scopes, kind, subject, TTL bounds, restrictions and the mass-scope flag.</summary>
public static class GrantRules
{
    /// <summary>The resource kind that stands for every kind.</summary>
    public const string AllKinds = "*";

    /// <summary>The longest remote subject.</summary>
    public const int MaxRemoteSubjectLength = 256;

    /// <summary>The most entries in one restriction list.</summary>
    public const int MaxRestrictions = 256;

    /// <summary>The lifetime of a grant that names none (30 days).</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromDays(30);

    /// <summary>The shortest lifetime (7 days): shorter grants would lapse before a review cycle.</summary>
    public static readonly TimeSpan MinTtl = TimeSpan.FromDays(7);

    /// <summary>The longest lifetime (365 days): no grant is open-ended.</summary>
    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(365);

    /// <summary>True for admin on every kind: a mass-scope grant.</summary>
    public static bool IsMassScope(GrantRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Scopes.Contains(GrantScope.Admin) && request.ResourceKind == AllKinds;
    }

    /// <summary>The lifetime <paramref name="request"/> gets.</summary>
    public static TimeSpan TtlOf(GrantRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.TtlSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultTtl;
    }

    /// <summary>Returns null when the TTL is within bounds, else the bound it breaks.</summary>
    public static string? CheckTtl(GrantRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.TtlSeconds is not { } seconds ? null
            : seconds < (long)MinTtl.TotalSeconds ? $"ttl_seconds {seconds} is below the minimum of {(long)MinTtl.TotalSeconds} (7 days)"
            : seconds > (long)MaxTtl.TotalSeconds ? $"ttl_seconds {seconds} is above the maximum of {(long)MaxTtl.TotalSeconds} (365 days)"
            : null;
    }

    /// <summary>Returns null when the request is well-formed (TTL bounds and the mass-scope flag are checked separately).</summary>
    public static string? Validate(GrantRequest? request)
    {
        if (request is null)
        {
            return "request is missing";
        }

        if (request.Scopes is not { Count: > 0 } scopes || scopes.Any(s => !Enum.IsDefined(s)) || scopes.Distinct().Count() != scopes.Count)
        {
            return "scopes must name read, write, admin or migrate, at least one, without repeats";
        }

        return Kind(request.ResourceKind, "resource_kind")
            ?? FederationText.Check(request.RemoteSubject, "remote_subject", MaxRemoteSubjectLength)
            ?? Restrictions(request.Restrictions ?? GrantRestrictions.None);
    }

    /// <summary>Returns null when <paramref name="kind"/> is a resource kind token or <see cref="AllKinds"/>.</summary>
    internal static string? Kind(string? kind, string field) => kind == AllKinds ? null : FederationText.Token(kind, field, 64);

    private static string? Restrictions(GrantRestrictions r) =>
        List(r.InstanceIds, "restrictions.instance_ids", v => FederationText.Check(v, "instance id", 128))
        ?? List(r.NetworkIds, "restrictions.network_ids", v => FederationText.Check(v, "network id", 128))
        ?? List(r.SourceCidrs, "restrictions.source_cidrs", v => IsCidr(v) ? null : $"'{v}' is not a CIDR without host bits");

    // IPNetwork.TryParse masks host bits away silently; "10.0.0.1/8" is a mistake worth refusing, not a range.
    private static bool IsCidr(string text) =>
        IPNetwork.TryParse(text, out var network) && IPAddress.TryParse(text.AsSpan(0, text.IndexOf('/', StringComparison.Ordinal)), out var address)
        && address.Equals(network.BaseAddress);

    private static string? List(IReadOnlyList<string>? values, string field, Func<string, string?> check) =>
        values is null || values.Count > MaxRestrictions ? $"{field} must hold at most {MaxRestrictions} entries"
        : values.Select((v, i) => v is null ? $"{field}[{i}] is missing" : check(v) is { } e ? $"{field}[{i}]: {e}" : null).FirstOrDefault(e => e is not null)
        ?? (values.Distinct(StringComparer.Ordinal).Count() != values.Count ? $"{field} holds repeats" : null);
}
