using ActorTrust.Core.Entities;
using ActorTrust.Core.Identity;
using static ActorTrust.Core.Lineage.LineageRejectionCodes;
using static ActorTrust.Core.Lineage.LineageRules;

namespace ActorTrust.Core.Lineage;

/// <summary>Decides who holds authority: <see cref="GrantAuthority"/>, <see cref="RenewLease"/>, <see cref="Recover"/> and <see cref="Retire"/>.</summary>
internal static class LineageAuthority
{
    internal static Decision<LineageEvent> Grant(LineageState state, GrantAuthority command, SpiffeId agent, DateTimeOffset now)
    {
        if (state.Status != AuthorityStatus.Unassigned)
        {
            return state.Tenures is [{ Start: TenureStart.Granted } first, ..] && first.Executor == command.Executor
                ? Decision<LineageEvent>.Accept()
                : Reject(AlreadyAssigned, $"the lineage was already granted to {state.Tenures.FirstOrDefault()?.Executor}");
        }

        if (CheckRoster(state, command.Roster, agent, now) is { } roster)
        {
            return Reject(roster);
        }

        if (!command.Roster.Holds(command.Executor))
        {
            return Reject(ExecutorNotInDomain, $"{command.Executor} does not hold executor in domain '{command.Roster.DomainId}' version {command.Roster.Version}");
        }

        var settings = command.Settings ?? LineageSettings.Default;
        return Decision<LineageEvent>.Accept(new AuthorityGranted(
            agent, command.Executor, command.Operator, Epoch.First, settings.LeaseFrom(now), command.Roster.Reference, now, command.OperatorAuthentication));
    }

    internal static Decision<LineageEvent> Renew(LineageState state, RenewLease command, SpiffeId agent, DateTimeOffset now)
    {
        // A renewal of an earlier generation of the owner's tenure was applied already (only a renewal moves the generation on).
        if (state is { Status: AuthorityStatus.ActiveOwner or AuthorityStatus.HandoffInitiated, Epoch: { } epoch }
            && state.Owner == command.Executor && command.Epoch.Major == epoch.Major && command.Epoch.Generation < epoch.Generation)
        {
            return Decision<LineageEvent>.Accept();
        }

        var refusal = RequireStatus(state, AuthorityStatus.ActiveOwner, AuthorityNotActive)
            ?? RequireOwnerAt(state, command.Executor, command.Epoch)
            ?? CheckRoster(state, command.Roster, agent, now);
        if (refusal is not null)
        {
            return Reject(refusal);
        }

        if (!command.Roster.Holds(command.Executor))
        {
            return OwnerLostRole(state, command.Roster, now);
        }

        var settings = command.Settings ?? LineageSettings.Default;
        return Decision<LineageEvent>.Accept(new LeaseRenewed(
            command.Executor, command.Epoch, command.Epoch.NextGeneration(), settings.LeaseFrom(now), command.Roster.Reference, now));
    }

    internal static Decision<LineageEvent> Recover(LineageState state, Recover command, SpiffeId agent, DateTimeOffset now)
    {
        if (state is { Status: AuthorityStatus.ActiveOwner, Epoch: { } epoch } && state.Tenures[^1] is { Start: TenureStart.Recovered } last
            && last.Executor == command.Executor && state.Owner == command.Executor && last.Since.Major == epoch.Major)
        {
            return Decision<LineageEvent>.Accept();
        }

        var refusal = RequireStatus(state, AuthorityStatus.RecoveryRequired, RecoveryNotRequired)
            ?? CheckRoster(state, command.Roster, agent, now);
        if (refusal is not null)
        {
            return Reject(refusal);
        }

        if (!command.Roster.Holds(command.Executor))
        {
            return Reject(ExecutorNotInDomain, $"{command.Executor} does not hold executor in domain '{command.Roster.DomainId}' version {command.Roster.Version}");
        }

        var settings = command.Settings ?? LineageSettings.Default;
        return Decision<LineageEvent>.Accept(new LineageRecovered(
            command.Executor, command.Operator, state.Epoch!, state.Epoch!.NextMajor(), state.HeadDigest, settings.LeaseFrom(now), command.Roster.Reference, now,
            command.OperatorAuthentication));
    }

    internal static Decision<LineageEvent> Retire(LineageState state, Retire command, DateTimeOffset now) => state.Status switch
    {
        AuthorityStatus.Retired => Decision<LineageEvent>.Accept(),
        AuthorityStatus.Unassigned => Reject(NotAssigned, "no executor holds authority over this lineage yet"),
        _ => Decision<LineageEvent>.Accept(new LineageRetired(command.Operator, state.Epoch!, state.HeadDigest, now, command.OperatorAuthentication)),
    };
}
