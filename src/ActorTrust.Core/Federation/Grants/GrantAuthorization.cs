using System.Net;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Federation.Peers;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;

namespace ActorTrust.Core.Federation.Grants;

/// <summary>
/// Whether a presented grant credential allows one use, in order: the credential (compared in constant time against
/// the named grant's digest — an unknown grant id is compared against nothing and fails the same way), then that the
/// grant is honoured now, covers the scope and kind, and that the use is inside its restrictions.
/// </summary>
internal static class GrantAuthorization
{
    internal static Rejection? Check(PeerState state, string grantId, string credential, GrantUse use, DateTimeOffset now, out PeerGrant? grant)
    {
        grant = state.Grant(grantId);
        if (!BearerSecret.Matches(BearerSecret.GrantCredentialPurpose, grant?.Issued.CredentialDigest, credential))
        {
            grant = null;
            return new(GrantCredentialInvalid, "the grant id or credential is wrong");
        }

        var issued = grant!.Issued;
        return grant.RevokedAt is { } revoked ? new(GrantNotHonoured, $"grant {grantId} was revoked at {revoked:O}")
            : now >= issued.ExpiresAt ? new(GrantNotHonoured, $"grant {grantId} expired at {issued.ExpiresAt:O}")
            : !issued.Scopes.Contains(use.Scope) ? new(GrantScopeNotCovered, $"grant {grantId} does not cover scope {use.Scope.ToString().ToLowerInvariant()}")
            : !Covers(issued.ResourceKind, use.ResourceKind) ? new(GrantScopeNotCovered, $"grant {grantId} is for kind '{issued.ResourceKind}', not '{use.ResourceKind}'")
            : Restricted(issued.Restrictions, use) is { } outside ? new(GrantRestricted, $"grant {grantId}: {outside}")
            : null;
    }

    /// <summary>True when a grant for <paramref name="granted"/> covers <paramref name="kind"/>.</summary>
    internal static bool Covers(string granted, string kind) => granted == GrantRules.AllKinds || string.Equals(granted, kind, StringComparison.Ordinal);

    // IPv4 peers reaching a dual-stack socket appear as ::ffff:a.b.c.d; they are matched against IPv4 ranges.
    private static IPAddress? Address(string? text) =>
        IPAddress.TryParse(text, out var address) ? address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address : null;

    private static string? Restricted(GrantRestrictions r, GrantUse use) =>
        r.InstanceIds.Count > 0 && (use.InstanceId is null || !r.InstanceIds.Contains(use.InstanceId, StringComparer.Ordinal))
            ? $"instance '{use.InstanceId}' is not among the granted instances"
        : r.NetworkIds.Count > 0 && (use.NetworkId is null || !r.NetworkIds.Contains(use.NetworkId, StringComparer.Ordinal))
            ? $"network '{use.NetworkId}' is not among the granted networks"
        : r.SourceCidrs.Count > 0 && !(Address(use.SourceAddress) is { } address && r.SourceCidrs.Any(cidr => IPNetwork.Parse(cidr).Contains(address)))
            ? $"source address '{use.SourceAddress}' is outside the granted CIDRs"
        : null;
}
