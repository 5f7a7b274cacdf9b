using ActorTrust.Core.Entities;
using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Tests.Federation.FederationFixtures;

namespace ActorTrust.Core.Tests.Federation;

/// <summary>
/// A peer driven step by step on a fake clock. <see cref="Apply"/> requires acceptance; <see cref="Record"/> keeps the
/// events of any decision, refused or not, as the runtime does for recorded refusals.
/// </summary>
internal sealed class PeerRun
{
    public DeciderSpec<PeerState, PeerCommand, PeerEvent> Spec { get; } = new(PeerDecider.Instance, PeerId);

    public DateTimeOffset Clock { get; private set; } = Now;

    public PeerState State => Spec.State;

    public PeerStatus Status => State.Status;

    /// <summary>A peer brought to <paramref name="status"/> the ordinary way, a minute per step (degraded: five minutes of silence).</summary>
    public static PeerRun In(PeerStatus status)
    {
        var run = new PeerRun();
        if (status == PeerStatus.None)
        {
            return run;
        }

        run.Apply(Propose());
        if (status == PeerStatus.Proposed)
        {
            return run;
        }

        run.Advance(TimeSpan.FromMinutes(1)).Apply(Accept());
        if (status == PeerStatus.Accepted)
        {
            return run;
        }

        run.Advance(TimeSpan.FromMinutes(1)).Apply(Enroll());
        if (status == PeerStatus.Enrolled)
        {
            return run;
        }

        run.Advance(TimeSpan.FromMinutes(1)).Apply(Heartbeat());
        return status switch
        {
            PeerStatus.Active => run,
            PeerStatus.Degraded => run.Advance(PeerLiveness.StaleAfter).Then(CheckLiveness()),
            PeerStatus.Suspended => run.Then(Suspend()),
            PeerStatus.Revoked => run.Then(Revoke()),
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
    }

    /// <summary>An active peer holding grant <c>g-m</c> (migrate and read on workflow).</summary>
    public static PeerRun WithMigrateGrant()
    {
        var run = In(PeerStatus.Active);
        run.Apply(new IssueGrant("g-m", new([GrantScope.Migrate, GrantScope.Read], "workflow", "carol@peer-b.example"), Credential, Operator));
        return run;
    }

    public PeerRun Advance(TimeSpan by)
    {
        Clock += by;
        return this;
    }

    public PeerRun Then(PeerCommand command)
    {
        Apply(command);
        return this;
    }

    public IReadOnlyList<PeerEvent> Apply(PeerCommand command) => Spec.Apply(command, Clock);

    public Decision<PeerEvent> When(PeerCommand command) => Spec.When(command, Clock);

    public Decision<PeerEvent> Record(PeerCommand command)
    {
        var decision = When(command);
        Spec.Given(decision.Events);
        return decision;
    }
}
