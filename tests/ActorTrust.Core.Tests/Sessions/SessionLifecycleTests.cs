using ActorTrust.Core.Entities;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Sessions;
using ActorTrust.Core.Tests.TestSupport;
using ActorTrust.Core.TrustRecords;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Sessions.SessionRejectionCodes;
using static ActorTrust.Core.Tests.Agents.AgentFixtures;
using static ActorTrust.Core.Tests.Sessions.SessionFixtures;

namespace ActorTrust.Core.Tests.Sessions;

public sealed class SessionLifecycleTests
{
    private static readonly ToolCall Read = new("read_inventory", "internal", ToolDecision.Allow);
    private static readonly ToolCall Move = new("move_pallet", "operational", ToolDecision.StepUp);

    [Fact]
    public void Tool_calls_while_open_extend_the_transcript_hash_chain_and_count()
    {
        var run = SessionRun.Opened(Read, Move);

        run.Spec.State.CallCount.ShouldBe(2);
        run.Spec.State.TranscriptHash.ShouldBe(ToolTranscript.Next(ToolTranscript.Next(ToolTranscript.Empty, Read), Move));
        run.Spec.State.TranscriptHash.ShouldNotBe(ToolTranscript.Of([Move, Read]));
    }

    [Fact]
    public void Tool_call_before_opening_after_refusal_or_after_closing_is_refused_without_recording()
    {
        Spec().When(new RecordToolCall(Read), Now).ShouldBeRejectedWith(SessionNotOpen);

        var refused = Spec().Given(Spec().When(Open() with { ClaimsEnvelope = null }, Now).Events);
        refused.When(new RecordToolCall(Read), Now).ShouldBeRejectedWith(SessionNotOpen);

        var closed = SessionRun.Opened();
        closed.CloseNow();
        closed.Spec.When(new RecordToolCall(Read), Now).ShouldBeRejectedWith(SessionNotOpen);
    }

    [Fact]
    public void An_unresolved_close_request_is_refused_without_closing()
    {
        var run = SessionRun.Opened(Read);

        run.Spec.When(new CloseSessionHere(), Now).ShouldBeRejectedWith(CloseNotResolved);
        run.Spec.State.Status.ShouldBe(SessionStatus.Open);
    }

    [Fact]
    public void Malformed_tool_call_is_refused()
    {
        SessionRun.Opened().Spec.When(new RecordToolCall(Read with { Tool = "" }), Now).ShouldBeRejectedWith(CommandInvalid);
        SessionRun.Opened().Spec.When(new RecordToolCall(Read with { Decision = (ToolDecision)99 }), Now).ShouldBeRejectedWith(CommandInvalid);
    }

    [Fact]
    public void Opening_an_open_session_again_is_refused_without_recording()
    {
        SessionRun.Opened().Spec.When(Open(), Now).ShouldBeRejectedWith(SessionAlreadyOpened);
    }

    [Fact]
    public void Session_id_that_is_not_a_spiffe_id_is_refused_without_recording()
    {
        new DeciderSpec<SessionState, SessionCommand, SessionEvent>(SessionDecider.Instance, "session-1").When(Open(), Now)
            .ShouldBeRejectedWith(SessionIdInvalid);
    }

    [Fact]
    public void Command_with_an_unusable_peer_key_or_undefined_posture_is_refused_without_recording()
    {
        Spec().When(Open() with { Transport = Transport with { PeerAuthPublicKey = "ABCD" } }, Now).ShouldBeRejectedWith(CommandInvalid);
        Spec().When(Open() with { Transport = Transport with { RelayId = "relay-1" } }, Now).ShouldBeRejectedWith(CommandInvalid);
        Spec().When(Open() with { Posture = (PolicyPosture)0 }, Now).ShouldBeRejectedWith(CommandInvalid);
    }

    [Fact]
    public void Closing_produces_a_trust_record_signed_by_the_node_key_over_exactly_its_payload()
    {
        var run = SessionRun.Opened(Read);
        var head = run.Head;

        var closed = run.CloseNow();

        var envelope = EnvelopeJson.Parse(System.Text.Encoding.UTF8.GetBytes(closed.Envelope));
        EnvelopeVerifier.Verify(envelope, TrustPolicy.Single(TestKeys.Key(NodeKey).PublicKey, PayloadTypes.TrustRecord)).IsVerified.ShouldBeTrue();
        closed.RecordHash.ShouldBe(Digest.Sha256(envelope.Payload));
        closed.Record.Journal.ShouldBe(new TrustRecordJournal(head.HeadHash, 2));
        closed.Record.Transcript.ShouldBe(new TrustRecordTranscript(ToolTranscript.Of([Read]), 1));
        closed.Record.Node.ShouldBe(new TrustRecordNode("node-1", TestKeys.Key(NodeKey).PublicKey.KeyId, 1));
        closed.Record.OpenedAt.ShouldBe(Now);
        closed.Record.Iat.ShouldBe(Now.AddMinutes(3));
        run.Spec.State.Status.ShouldBe(SessionStatus.Closed);
    }

    [Fact]
    public void Trust_record_carries_the_bound_identity_and_claims_posture_admission_established()
    {
        var run = SessionRun.Opened();
        var facts = run.Spec.State.Admission!;

        var record = run.CloseNow().Record;

        (record.Subject, record.SubjectSource).ShouldBe((AgentId, SubjectSource.Svid));
        record.Agent.ManifestId.ShouldBe("m-1");
        record.Agent.ManifestDigest.ShouldBe(facts.Manifest!.Binding!.ManifestDigest);
        (record.Agent.Issuer, record.Agent.IssuerKeyId).ShouldBe((DomainId, KeyId(Publisher)));
        (record.PolicyBundleHash, record.ToolCatalogHash).ShouldBe((PolicyHash, CatalogHash));
        record.Claims.Disposition.ShouldBe(ClaimsDisposition.Verified);
        record.Claims.RuntimeIdentityDigest.ShouldBe(facts.Claims.RuntimeIdentityDigest);
        record.Claims.PolicyPosture.ShouldBe(PolicyPosture.Required);
        record.Transport.ShouldBe(Transport);
    }

    [Fact]
    public void Closing_a_closed_session_again_emits_nothing()
    {
        var run = SessionRun.Opened();
        run.CloseNow();

        run.Spec.When(run.Close(), Now).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void Close_with_a_journal_head_that_is_not_the_current_one_is_refused()
    {
        var run = SessionRun.Opened();
        var stale = run.Close();
        run.Apply(new RecordToolCall(Read));

        run.Spec.When(stale, Now).ShouldBeRejectedWith(JournalHeadStale);
    }

    [Fact]
    public void Close_of_a_refused_session_or_with_an_inconsistent_record_chain_is_refused()
    {
        var refused = Spec().Given(Spec().When(Open() with { ClaimsEnvelope = null }, Now).Events);
        refused.When(new SessionRun().Close(), Now).ShouldBeRejectedWith(SessionNotOpen);

        var run = SessionRun.Opened();
        run.Spec.When(run.Close(previous: ToolTranscript.Empty), Now).ShouldBeRejectedWith(CommandInvalid);
        run.Spec.When(run.Close(sequence: 2), Now).ShouldBeRejectedWith(CommandInvalid);
        run.Spec.When(run.Close(sequence: 2, previous: ToolTranscript.Empty), Now).ShouldBeAccepted().ShouldHaveSingleItem();
    }

    [Fact]
    public void Recorded_refusal_gives_back_the_same_rejection_and_other_events_none()
    {
        var refused = Spec().When(Open() with { ClaimsEnvelope = null }, Now);

        SessionDecider.RecordedRejection(refused.Events[0]).ShouldBe(refused.Rejection);
        SessionDecider.RecordedRejection(Spec().When(Open(), Now).Events[0]).ShouldBeNull();
    }

    [Fact]
    public void Events_apply_only_in_lifecycle_order()
    {
        var called = SessionRun.Opened(Read).Spec.History[1];

        Should.Throw<InvalidOperationException>(() => SessionDecider.Instance.Evolve(SessionState.Empty, called));
        Should.Throw<InvalidOperationException>(() => SessionDecider.Instance.Evolve(SessionRun.Opened(Read).Spec.State, called));
    }

    [Fact]
    public void Every_session_event_has_a_versioned_wire_name()
    {
        EventCatalog<SessionEvent>.FromAssembly().Names.Order(StringComparer.Ordinal)
            .ShouldBe(["session.admitted.v1", "session.closed.v1", "session.refused.v1", "session.tool-called.v1"]);
    }
}
