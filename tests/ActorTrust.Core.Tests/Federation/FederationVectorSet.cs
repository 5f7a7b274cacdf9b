using ActorTrust.Core.Federation.Contracts;
using ActorTrust.Core.Federation.Governance;
using ActorTrust.Core.Federation.Peers;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;
using static ActorTrust.Core.Federation.Peers.PeerStatus;
using static ActorTrust.Core.Tests.Federation.FederationFixtures;

namespace ActorTrust.Core.Tests.Federation;

/// <summary>The generator of tests/vectors/federation: lifecycle, token, contract and governance scenarios (grants and migrations in <see cref="GrantMigrationVectorSet"/>).</summary>
internal static class FederationVectorSet
{
    public const string Refusal = "peer.command-refused.v1";
    public const string Finding = "peer.finding-raised.v1";

    public static IReadOnlyList<FederationVector> All() => [.. Lifecycle(), .. GrantMigrationVectorSet.GrantsAndMigrations()];

    private static IEnumerable<FederationVector> Lifecycle()
    {
        var digest = ContractDigestV1.ToString();
        yield return new FederationScenario("FV-001", "publish computes the domain-separated digest; the text is immutable; deprecation", "contract", "1")
            .Published(new PublishContract(ContractText, Operator), digest)
            .Refused(new PublishContract(ContractText + "amended", Operator), ContractRejectionCodes.ContractTextImmutable, "published")
            .Ok(new DeprecateContract("superseded by v2", Operator), "deprecated", "contract.deprecated.v1").Build();
        yield return new FederationScenario("FV-002", "a stated digest that is not the text's; deprecating an unpublished version", "contract", "2")
            .Refused(new PublishContract(ContractText, Operator, ContractDigest.Of("v2")), ContractRejectionCodes.ContractDigestMismatch, "unpublished")
            .Refused(new DeprecateContract("never published", Operator), ContractRejectionCodes.ContractNotPublished, "unpublished").Build();
        yield return new FederationScenario("FV-003", "proposal, acceptance, enrolment and first heartbeat").ToActive().Build();
        yield return new FederationScenario("FV-004", "a wrong token is refused and recorded; the right one still works")
            .Ok(Propose(), Proposed, "peer.proposed.v1")
            .Refused(Accept(Token[..^1] + "z"), AcceptanceTokenInvalid, Proposed, Refusal)
            .Ok(Accept(), Accepted, "peer.accepted.v1").Build();
        yield return new FederationScenario("FV-005", "the acceptance token is single-use")
            .Ok(Propose(), Proposed, "peer.proposed.v1").Ok(Accept(), Accepted, "peer.accepted.v1")
            .Refused(Accept(), AcceptanceTokenUsed, Accepted, Refusal).Build();
        yield return new FederationScenario("FV-006", "the acceptance token expires seven days after the proposal")
            .Ok(Propose(), Proposed, "peer.proposed.v1").After(PeerLifecycle.AcceptanceTokenLifetime)
            .Refused(Accept(), AcceptanceTokenExpired, Proposed, Refusal).Build();
        yield return new FederationScenario("FV-007", "a contract digest other than the registry's is refused and recorded")
            .Ok(Propose(), Proposed, "peer.proposed.v1")
            .Refused(Accept(digest: ContractDigest.Of(ContractText + "with an extra clause")), ContractDigestMismatch, Proposed, Refusal).Build();
        yield return new FederationScenario("FV-008", "a deprecated contract version cannot be adopted")
            .Ok(Propose(), Proposed, "peer.proposed.v1")
            .Refused(Accept(registry: RegistryV1 with { Status = ContractStatus.Deprecated }), ContractVersionDeprecated, Proposed).Build();
        yield return new FederationScenario("FV-009", "an anonymous peer is accepted but never enrolled")
            .Ok(Propose(), Proposed, "peer.proposed.v1").Ok(Accept(), Accepted, "peer.accepted.v1")
            .Refused(Enroll(Offer with { Disclosure = new(Jurisdiction: "EU", PlatformVersion: "1.4.0") }), IdentityDisclosureIncomplete, Accepted).Build();
        yield return new FederationScenario("FV-010", "N-1: minor versions two apart are refused at the handshake; one apart enrols")
            .Ok(Propose(), Proposed, "peer.proposed.v1").Ok(Accept(), Accepted, "peer.accepted.v1")
            .Refused(Enroll(Offer with { Disclosure = Disclosure with { PlatformVersion = "1.2.0" } }), PlatformVersionIncompatible, Accepted, Refusal)
            .Ok(Enroll(Offer with { Disclosure = Disclosure with { PlatformVersion = "1.5.3" } }), Enrolled, "peer.enrolled.v1").Build();
        yield return new FederationScenario("FV-011", "no heartbeat for five minutes degrades; a heartbeat reactivates").ToActive()
            .After(PeerLiveness.StaleAfter - TimeSpan.FromMilliseconds(1)).Ok(CheckLiveness(), Active)
            .After(TimeSpan.FromMilliseconds(1)).Ok(CheckLiveness(), Degraded, "peer.degraded.v1", Finding)
            .Ok(Heartbeat(), Active, "peer.heartbeat-recorded.v1", "peer.activated.v1", "peer.finding-cleared.v1").Build();
        yield return new FederationScenario("FV-012", "re-handshakes over the limit are refused, recorded and raise handshake_flooding").ToActive()
            .Ok(Rehandshake(), Active, "peer.handshake-renewed.v1").Ok(Rehandshake(), Active, "peer.handshake-renewed.v1")
            .Refused(Rehandshake(), HandshakeRateLimited, Active, Refusal, Finding).Build();
        var hard = new RaiseFinding(FindingKind.CapabilityDrift, "serves kinds it never declared", Policy, Liveness);
        yield return new FederationScenario("FV-013", "a dishonest contract version plus two more hard findings auto-suspend").ToActive()
            .Ok(Heartbeat(contractVersion: 2), Active, "peer.heartbeat-recorded.v1", Finding)
            .Ok(hard, Active, Finding).Ok(hard, Suspended, Finding, "peer.suspended.v1").Build();
        yield return new FederationScenario("FV-014", "compromise disclosure suspends at once; reinstatement requires a new enrolment").ToActive()
            .Ok(Disclose(), Suspended, "peer.compromise-disclosed.v1", "peer.suspended.v1")
            .Refused(Heartbeat(), PeerNotFederating, Suspended)
            .Ok(Reinstate(), Accepted, "peer.reinstated.v1").Ok(Enroll(), Enrolled, "peer.enrolled.v1").Build();
        yield return new FederationScenario("FV-015", "revocation is terminal and revokes the grants").ToActive()
            .Ok(Grant(), Active, "peer.grant-issued.v1").Ok(Revoke(), Revoked, "peer.revoked.v1")
            .Refused(Use(), PeerAlreadyRevoked, Revoked).Refused(Reinstate(), PeerAlreadyRevoked, Revoked).Refused(Revoke(), PeerAlreadyRevoked, Revoked).Build();
        yield return new FederationScenario("FV-016", "a request not authenticated by the peer's key is refused and recorded").ToActive()
            .Refused(Heartbeat() with { Actor = Impostor }, PeerKeyMismatch, Active, Refusal).Build();
    }
}
