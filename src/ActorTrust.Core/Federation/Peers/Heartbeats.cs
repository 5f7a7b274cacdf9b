using ActorTrust.Core.Entities;
using ActorTrust.Core.Federation.Governance;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;

namespace ActorTrust.Core.Federation.Peers;

/// <summary>
/// Decides <see cref="RecordHeartbeat"/> and <see cref="CheckLiveness"/>. A heartbeat records the disclosure, makes an
/// enrolled or degraded peer active, and holds the report against the agreement and the latest handshake: another
/// contract version is <c>contract_version_mismatch</c> (commitment 12), another platform version or schema versions
/// <c>schema_drift</c>, other kinds or predicates <c>capability_drift</c>; each clears once the report agrees again.
/// </summary>
internal static class Heartbeats
{
    internal static Decision<PeerEvent> Record(PeerState state, RecordHeartbeat c, DecisionContext context)
    {
        if (PeerGuards.Federating(state, context) is { } notFederating)
        {
            return notFederating;
        }

        if (PeerGuards.Shape(Validate(c)) is { } invalid)
        {
            return invalid;
        }

        var report = c.Report;
        if (report.Disclosure.MissingForEnrolment() is { Count: > 0 } missing)
        {
            return PeerRefusal.Plain(IdentityDisclosureIncomplete, $"the heartbeat's disclosure lacks {string.Join(", ", missing)}");
        }

        List<PeerEvent> events = [new PeerHeartbeatRecorded(report, c.Actor, context.Now)];
        if (state.Status is PeerStatus.Enrolled or PeerStatus.Degraded)
        {
            events.Add(new PeerActivated(state.Status == PeerStatus.Enrolled ? "first heartbeat" : "heartbeat after degradation", c.Actor, context.Now));
        }

        var agreed = state.Contract!.Version;
        var declared = state.Handshake!;
        var batch = new FindingBatch(state, c.Actor, context.Now)
            .Condition(FindingKind.HeartbeatStale, null, "heartbeat received")
            .Condition(FindingKind.ContractVersionMismatch,
                report.AdvertisedContractVersion == agreed ? null : $"advertises contract version {report.AdvertisedContractVersion} but agreed to {agreed}",
                "advertised contract version matches the agreement again")
            .Condition(FindingKind.SchemaDrift, SchemaDrift(declared, report), "advertised versions match the handshake again");
        if (report.Capabilities is { } served)
        {
            batch.Condition(FindingKind.CapabilityDrift, declared.Capabilities.CapabilityDriftFrom(served), "advertised capabilities match the declaration again");
        }

        events.AddRange(Handshakes.Residency(batch, report.Disclosure).WithAutoSuspension(c.Policy, PeerStatus.Active));
        return Decision<PeerEvent>.Accept(events);
    }

    internal static Decision<PeerEvent> CheckLiveness(PeerState state, CheckLiveness c, DecisionContext context)
    {
        if (state.Status is not (PeerStatus.Active or PeerStatus.Enrolled) || !PeerLiveness.IsStale(state, context.Now))
        {
            return Decision<PeerEvent>.Accept();
        }

        var last = PeerLiveness.LastSignOfLife(state)!.Value;
        var message = state.Status == PeerStatus.Active ? $"no heartbeat since {last:O}" : $"no first heartbeat since enrolment at {last:O}";
        var stale = new FindingBatch(state, c.Actor, context.Now).Condition(FindingKind.HeartbeatStale, message, "heartbeat received").Events;
        return state.Status == PeerStatus.Active
            ? Decision<PeerEvent>.Accept([new PeerDegraded(last, message, c.Actor, context.Now), .. stale])
            : Decision<PeerEvent>.Accept(stale);
    }

    private static string? SchemaDrift(HandshakeRecord declared, HeartbeatReport report) =>
        !string.Equals(report.Disclosure.PlatformVersion, declared.Disclosure.PlatformVersion, StringComparison.Ordinal)
            ? $"advertises platform version {report.Disclosure.PlatformVersion} but handshook with {declared.Disclosure.PlatformVersion}; a new version needs a new handshake"
            : report.Capabilities is { } served ? declared.Capabilities.SchemaDriftFrom(served) : null;

    private static string? Validate(RecordHeartbeat c) =>
        c.Report?.Disclosure is null ? "report.disclosure is missing"
        : c.Report.AdvertisedContractVersion < 1 ? "report.advertised_contract_version must be a positive integer"
        : c.Policy is null ? "policy is missing"
        : c.Policy.Validate() is { } badPolicy ? $"policy: {badPolicy}"
        : c.Report.Disclosure.Validate() ?? c.Report.Capabilities?.Validate();
}
