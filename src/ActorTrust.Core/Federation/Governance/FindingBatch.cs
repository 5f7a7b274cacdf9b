using ActorTrust.Core.Federation.Peers;

namespace ActorTrust.Core.Federation.Governance;

/// <summary>
/// Collects the findings one decision raises or clears, numbering them after the peer's existing findings, then
/// applies the auto-suspension rule (<see cref="AutoSuspension"/>). Standing conditions are raised once while they
/// hold and cleared when they stop; incidents are raised every time.
/// </summary>
internal sealed class FindingBatch(PeerState state, FederationActor actor, DateTimeOffset now)
{
    private readonly List<PeerEvent> _events = [];
    private long _next = state.Findings.Count + 1;

    /// <summary>The findings raised and cleared so far.</summary>
    public IReadOnlyList<PeerEvent> Events => _events;

    /// <summary>Raises an incident finding.</summary>
    public FindingBatch Raise(FindingKind kind, string message)
    {
        var rule = FindingRules.Of(kind);
        _events.Add(new FindingRaised(_next++, kind, rule.Severity, rule.Norm, rule.Commitment, message, actor, now));
        return this;
    }

    /// <summary>For a standing condition: raises it when <paramref name="problem"/> is given and none is open; clears the open one when not.</summary>
    public FindingBatch Condition(FindingKind kind, string? problem, string clearedBecause)
    {
        var open = state.OpenFinding(kind);
        if (problem is not null && open is null)
        {
            Raise(kind, problem);
        }
        else if (problem is null && open is not null)
        {
            _events.Add(new FindingCleared(open.Raised.Number, clearedBecause, actor, now));
        }

        return this;
    }

    /// <summary>
    /// The findings, followed by a governance suspension when they take the peer (in <paramref name="statusAfter"/>, its status
    /// once the decision's other events apply) to the threshold of <paramref name="policy"/>.
    /// </summary>
    public IReadOnlyList<PeerEvent> WithAutoSuspension(FederationPolicy policy, PeerStatus statusAfter) =>
        AutoSuspension.Decide(state, _events.OfType<FindingRaised>().ToList(), policy, statusAfter, now) is { } suspended ? [.. _events, suspended] : _events;
}
