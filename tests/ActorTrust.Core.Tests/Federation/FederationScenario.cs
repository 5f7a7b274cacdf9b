using ActorTrust.Core.Federation.Peers;
using static ActorTrust.Core.Tests.Federation.FederationFixtures;

namespace ActorTrust.Core.Tests.Federation;

/// <summary>Writes one vector scenario step by step on a clock starting at <see cref="FederationFixtures.Now"/>; expectations are stated, never computed.</summary>
internal sealed class FederationScenario(string id, string description, string entity = "peer", string entityId = PeerId)
{
    private readonly List<FederationVectorStep> _steps = [];
    private DateTimeOffset _clock = Now;

    public FederationScenario After(TimeSpan advance)
    {
        _clock += advance;
        return this;
    }

    public FederationScenario Ok(object command, PeerStatus status, params string[] events) => Ok(command, Snake(status), events);

    public FederationScenario Ok(object command, string status, params string[] events) =>
        Add(command, new FederationVectorExpectation("accepted", events, status));

    public FederationScenario Refused(object command, string code, PeerStatus status, params string[] events) => Refused(command, code, Snake(status), events);

    public FederationScenario Refused(object command, string code, string status, params string[] events) =>
        Add(command, new FederationVectorExpectation("refused", events, status, code));

    public FederationScenario Published(object command, string digest) =>
        Add(command, new FederationVectorExpectation("accepted", ["contract.published.v1"], "published", Digest: digest));

    /// <summary>Proposal, acceptance, enrolment and a first heartbeat, a minute apart: an active peer.</summary>
    public FederationScenario ToActive() => Ok(Propose(), PeerStatus.Proposed, "peer.proposed.v1")
        .After(Minute).Ok(Accept(), PeerStatus.Accepted, "peer.accepted.v1")
        .After(Minute).Ok(Enroll(), PeerStatus.Enrolled, "peer.enrolled.v1")
        .After(Minute).Ok(Heartbeat(), PeerStatus.Active, "peer.heartbeat-recorded.v1", "peer.activated.v1");

    public FederationVector Build() => new(id, description, entity, entityId, [.. _steps]);

    public static TimeSpan Minute => TimeSpan.FromMinutes(1);

    private static string Snake(PeerStatus status) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    private FederationScenario Add(object command, FederationVectorExpectation expected)
    {
        _steps.Add(FederationVector.Step(_clock, command, expected));
        return this;
    }
}
