using ActorTrust.Core.Federation.Peers;

namespace ActorTrust.Core.Federation.Governance;

/// <summary>
/// The auto-suspension rule: when a decision raises a hard-norm finding and the hard-norm findings raised within the
/// window — after <c>now − window</c> (exclusive) and not before the latest reinstatement — reach
/// <see cref="FederationPolicy.HardFindingsToSuspend"/>, the peer is suspended by the governance process, if its status
/// allows a suspension. Clearing a finding does not take it out of the count.
/// </summary>
public static class AutoSuspension
{
    /// <summary>The actor governance suspensions are recorded under.</summary>
    public static FederationActor Actor { get; } = FederationActor.System("governance");

    /// <summary>The hard-norm findings (existing and <paramref name="raised"/>) that count at <paramref name="now"/>, by number.</summary>
    public static IReadOnlyList<long> Counting(PeerState state, IEnumerable<FindingRaised> raised, FederationPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        var since = now - policy.FindingWindow;
        return [.. state.Findings.Select(f => f.Raised).Concat(raised)
            .Where(f => f.Norm == NormClass.Hard && f.At > since && (state.ReinstatedAt is not { } reinstated || f.At >= reinstated))
            .Select(f => f.Number)];
    }

    internal static PeerSuspended? Decide(PeerState state, IReadOnlyList<FindingRaised> raised, FederationPolicy policy, PeerStatus statusAfter, DateTimeOffset now)
    {
        if (!raised.Any(f => f.Norm == NormClass.Hard) || !PeerTransitions.CanSuspend(statusAfter))
        {
            return null;
        }

        var counted = Counting(state, raised, policy, now);
        return counted.Count < policy.HardFindingsToSuspend ? null : new PeerSuspended(
            SuspensionCause.Governance,
            $"{counted.Count} hard-norm findings within {policy.FindingWindowSeconds} s reach the threshold of {policy.HardFindingsToSuspend}",
            Actor, now, counted);
    }
}
