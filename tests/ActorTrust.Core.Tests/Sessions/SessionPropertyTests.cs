using ActorTrust.Core.Entities;
using ActorTrust.Core.Json;
using ActorTrust.Core.Sessions;
using FsCheck;
using FsCheck.Fluent;
using static ActorTrust.Core.Tests.Agents.AgentFixtures;
using static ActorTrust.Core.Tests.Sessions.SessionFixtures;

namespace ActorTrust.Core.Tests.Sessions;

/// <summary>A way the presented claims can be: absent, good, or broken in one way, and the disposition that follows.</summary>
internal sealed record ClaimsCase(string Name, ClaimsDisposition Disposition, Func<OpenSession, OpenSession> Apply)
{
    public override string ToString() => Name;
}

public sealed class SessionPropertyTests
{
    private static readonly EventCatalog<SessionEvent> Catalog = EventCatalog<SessionEvent>.FromAssembly();

    private static readonly ClaimsCase[] Cases =
    [
        new("missing", ClaimsDisposition.Missing, o => o with { ClaimsEnvelope = null }),
        new("verified", ClaimsDisposition.Verified, o => o),
        new("other key", ClaimsDisposition.Detached, o => o with { ClaimsEnvelope = SignClaims(Claims(transport: Transport with { PeerAuthPublicKey = TestSupport.TestKeys.Hex(OtherPeer) }), OtherPeer) }),
        new("relayed", ClaimsDisposition.Detached, o => o with { ClaimsEnvelope = SignClaims(Claims(transport: Relayed)) }),
        new("expired", ClaimsDisposition.Invalid, o => o with { ClaimsEnvelope = SignClaims(Claims(Now.AddMinutes(-6))) }),
        new("replayed", ClaimsDisposition.Invalid, o => o with { SeenNonces = [Nonce] }),
        new("garbage", ClaimsDisposition.Invalid, o => o with { ClaimsEnvelope = "[]" }),
    ];

    private static readonly Gen<ToolCall> Calls =
        from tool in Gen.Elements("read", "write", "move_pallet", "émettre")
        from dataClass in Gen.Elements("public", "internal", "pii")
        from decision in Gen.Elements(Enum.GetValues<ToolDecision>())
        select new ToolCall(tool, dataClass, decision);

    [Fact]
    public void Admission_refuses_on_claims_exactly_under_required_and_otherwise_records_the_disposition()
    {
        Prop.ForAll(Gen.Elements(Cases).ToArbitrary(), Gen.Elements(Enum.GetValues<PolicyPosture>()).ToArbitrary(), (claims, posture) =>
        {
            var decision = Spec().When(claims.Apply(Open() with { Posture = posture }), Now);
            var facts = decision.Events.Single() switch { SessionAdmitted a => a.Facts, SessionRefused r => r.Facts, _ => null };
            var expectedDisposition = claims.Disposition == ClaimsDisposition.Missing && posture == PolicyPosture.BestEffort
                ? ClaimsDisposition.Unavailable : claims.Disposition;
            var refused = posture == PolicyPosture.Required && claims.Disposition != ClaimsDisposition.Verified;
            return decision.IsAccepted != refused && facts!.Claims.Disposition == expectedDisposition
                && facts.Claims.IsDegraded == (expectedDisposition != ClaimsDisposition.Verified && expectedDisposition != ClaimsDisposition.Missing);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Transcript_hash_and_count_follow_every_recorded_call_in_order()
    {
        Prop.ForAll(Gen.ListOf(Calls).ToArbitrary(), calls =>
        {
            var state = SessionRun.Opened([.. calls]).Spec.State;
            return state.CallCount == calls.Count && state.TranscriptHash == ToolTranscript.Of(calls);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Replaying_events_read_back_from_the_catalog_reproduces_the_state()
    {
        Prop.ForAll(Gen.Elements(Cases).ToArbitrary(), Gen.ListOf(Calls).ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (claims, calls, close) =>
        {
            var run = new SessionRun();
            var open = claims.Apply(Open() with { Posture = PolicyPosture.BestEffort });
            run.Apply(open);
            foreach (var call in calls)
            {
                run.Apply(new RecordToolCall(call));
            }

            if (close)
            {
                run.CloseNow();
            }

            var replayed = run.Records.Select(r => Catalog.Deserialize(r.EventType, r.Payload)).Aggregate(SessionDecider.Instance.Initial, SessionDecider.Instance.Evolve);
            return ActorTrustJson.ToCanonicalBytes(replayed).AsSpan().SequenceEqual(ActorTrustJson.ToCanonicalBytes(run.Spec.State))
                && run.Records.Zip(run.Spec.History).All(p => Catalog.Serialize(Catalog.Deserialize(p.First.EventType, p.First.Payload)).AsSpan().SequenceEqual(p.First.Payload));
        }).QuickCheckThrowOnFailure();
    }
}
