namespace ActorTrust.Core.Federation.Grants;

/// <summary>What a grant allows. Written as <c>read</c>, <c>write</c>, <c>admin</c> or <c>migrate</c>; no scope implies another.</summary>
public enum GrantScope
{
    /// <summary>Read resources of the kind.</summary>
    Read = 1,

    /// <summary>Write resources of the kind.</summary>
    Write = 2,

    /// <summary>Administer resources of the kind.</summary>
    Admin = 3,

    /// <summary>Migrate resources of the kind to us.</summary>
    Migrate = 4,
}

/// <summary>
/// Optional "pessimistic" limits on where a grant applies. An empty list leaves that dimension unrestricted; a
/// non-empty one requires every use to name a listed instance or network, or to come from a listed CIDR.
/// </summary>
/// <param name="InstanceIds">Instance ids the grant applies to.</param>
/// <param name="NetworkIds">Network ids the grant applies to.</param>
/// <param name="SourceCidrs">Source address ranges (IPv4 or IPv6 CIDR, no host bits set) uses must come from.</param>
public sealed record GrantRestrictions(IReadOnlyList<string> InstanceIds, IReadOnlyList<string> NetworkIds, IReadOnlyList<string> SourceCidrs)
{
    /// <summary>No restriction.</summary>
    public static GrantRestrictions None { get; } = new([], [], []);
}

/// <summary>What an operator asks to grant the peer.</summary>
/// <param name="Scopes">The scopes; at least one, no repeats.</param>
/// <param name="ResourceKind">The resource kind, or <see cref="GrantRules.AllKinds"/> for every kind.</param>
/// <param name="RemoteSubject">The subject on the peer's side the grant is for (at most 256 characters).</param>
/// <param name="TtlSeconds">The lifetime; <see cref="GrantRules.DefaultTtl"/> when absent, bounded by <see cref="GrantRules.MinTtl"/> and <see cref="GrantRules.MaxTtl"/>.</param>
/// <param name="Restrictions">Instance, network and CIDR restrictions; none when absent.</param>
/// <param name="MassScopeApproved">The explicit operator flag a mass-scope grant (admin on every kind) needs (commitment 6).</param>
public sealed record GrantRequest(
    IReadOnlyList<GrantScope> Scopes, string ResourceKind, string RemoteSubject, long? TtlSeconds = null, GrantRestrictions? Restrictions = null,
    bool MassScopeApproved = false);
