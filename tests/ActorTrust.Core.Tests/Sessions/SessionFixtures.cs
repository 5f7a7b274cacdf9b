using ActorTrust.Core.Agents;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Sessions;
using ActorTrust.Core.Tests.Agents;
using ActorTrust.Core.Tests.RuntimeManifests;
using ActorTrust.Core.Tests.TestSupport;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Tests.Agents.AgentFixtures;

namespace ActorTrust.Core.Tests.Sessions;

/// <summary>
/// Builders for session tests, on top of <see cref="AgentFixtures"/> (issuer domain factory.example, publisher key 20,
/// agent material-movement/dev registered with manifest m-1). Peer key 26 authenticates the connection; 27 is another
/// peer; node keys are 28 (trusted) and 29 (not). Time is fixed at <see cref="AgentFixtures.Now"/>.
/// </summary>
internal static class SessionFixtures
{
    public const int Peer = 26;
    public const int OtherPeer = 27;
    public const int NodeKey = 28;
    public const int OtherNodeKey = 29;
    public const string SessionId = "spiffe://node.example/session/0001";
    public const string Audience = "spiffe://node.example/node/n1";
    public const string Nonce = "n0nce-0123456789abcdef";

    public static TransportFacts Transport { get; } = new("peer-1", TestKeys.Hex(Peer), TransportPathKind.Direct);

    public static TransportFacts Relayed { get; } = new("peer-1", TestKeys.Hex(Peer), TransportPathKind.Relay, "relay-7", "tag-42");

    public static SessionClaims Claims(DateTimeOffset? at = null, TransportFacts? transport = null) => new(
        SessionClaims.SchemaV1, transport ?? Transport, RuntimeManifestFixtures.Cuda(), ProofPosture.ProofBearing,
        (at ?? Now).AddSeconds(-30), (at ?? Now).AddMinutes(5), Audience, Nonce);

    public static string SignClaims(SessionClaims claims, int key = Peer) => SessionClaimsSigning.SignToJson(claims, TestKeys.Signer(key));

    /// <summary>The agent entity after registering manifest m-1 (optionally after more commands).</summary>
    public static AgentSnapshot Agent(params AgentCommand[] then)
    {
        var spec = Registered(out _);
        foreach (var command in then)
        {
            spec.Apply(command, Now);
        }

        return AgentSnapshot.Of(AgentId, spec.State, spec.History.Count);
    }

    /// <summary>A well-formed request that is admitted with verified claims under posture required.</summary>
    public static OpenSession Open(DateTimeOffset? at = null) => new(
        AgentId, SubjectSource.Svid, false, Transport, Audience, PolicyPosture.Required, PolicyHash, CatalogHash, Agent(), Authority,
        SignClaims(Claims(at)), Signed(Manifest()));

    /// <summary>Manifest m-1 signed by the publisher, with one bit of the signature flipped.</summary>
    public static string TamperedManifest()
    {
        var envelope = AgentManifestSigning.Sign(Manifest(), TestKeys.Signer(Publisher));
        var signature = envelope.Signatures[0].Signature.ToArray();
        signature[10] ^= 0x01;
        return Text(envelope with { Signatures = [envelope.Signatures[0] with { Signature = signature }] });
    }

    public static DeciderSpec<SessionState, SessionCommand, SessionEvent> Spec() => new(SessionDecider.Instance, SessionId);

    /// <summary>Asserts the command was refused with <paramref name="code"/> AND recorded as exactly one <c>session.refused.v1</c>.</summary>
    public static SessionRefused ShouldBeRefusedAndRecorded(this Decision<SessionEvent> decision, string code)
    {
        decision.Rejection.ShouldNotBeNull($"expected refusal {code}, but the session was admitted");
        decision.Rejection.Code.ShouldBe(code, decision.Rejection.Message);
        var refused = decision.Events.ShouldHaveSingleItem().ShouldBeOfType<SessionRefused>();
        refused.Code.ShouldBe(code);
        return refused;
    }

    public static SessionAdmitted ShouldBeAdmitted(this Decision<SessionEvent> decision) =>
        decision.ShouldEmitSingle<SessionEvent, SessionAdmitted>();
}
