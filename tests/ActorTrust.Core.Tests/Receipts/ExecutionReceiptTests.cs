using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;
using ActorTrust.Core.Receipts;
using ActorTrust.Core.Tests.TestSupport;
using ActorTrust.TestKit.Entities;
using FsCheck;
using FsCheck.Fluent;
using static ActorTrust.Core.Receipts.CertificationCodes;
using static ActorTrust.Core.Tests.Receipts.ReceiptFixtures;

namespace ActorTrust.Core.Tests.Receipts;

/// <summary>Recording execution receipts in the domain entity: valid, invalid, role-less and unsigned.</summary>
public sealed class ExecutionReceiptTests
{
    [Fact]
    public void Receipt_signed_by_a_key_holding_executor_at_its_position_is_recorded_as_certified()
    {
        var receipt = Receipt();

        var recorded = CreatedV1().Record(SignedReceipt(receipt, Executor)).ShouldEmitSingle<DomainEvent, ReceiptRecorded>();

        recorded.Standing.ShouldBe(ReceiptStanding.Certified);
        ActorTrustJson.ToCanonicalBytes(recorded.Receipt).ShouldBe(ActorTrustJson.ToCanonicalBytes(receipt));
        recorded.ReceiptDigest.ShouldBe(ExecutionReceipt.DigestOf(ActorTrustJson.ToCanonicalBytes(receipt)));
        (recorded.SignerKeyId, recorded.AuthorityVersion).ShouldBe((TestKeys.Key(Executor).PublicKey.KeyId, 1L));
    }

    [Fact]
    public void Receipt_payload_is_the_canonical_json_of_exactly_the_documented_fields_with_no_time_or_machine_data()
    {
        var (low, high) = D("input a") < D("input b") ? (D("input a"), D("input b")) : (D("input b"), D("input a"));

        System.Text.Encoding.UTF8.GetString(ActorTrustJson.ToCanonicalBytes(Receipt())).ShouldBe(
            "{\"domain_id\":\"factory.example\",\"input_digests\":[\"" + low + "\",\"" + high + "\"],\"journal_position\":1," +
            "\"lineage\":{\"agent_id\":\"spiffe://factory.example/agent/material-movement/dev\",\"epoch\":{\"generation\":1,\"major\":2}}," +
            $"\"output_digest\":\"{D("output")}\",\"program_id\":\"pel:program/archive-home@1\",\"schema\":\"actortrust.execution-receipt/v1\"}}");
    }

    [Fact]
    public void Recorded_receipt_is_stored_by_content_address_with_its_journal_position()
    {
        var spec = CreatedV1();
        spec.Apply(new CertifyReceipt(SignedReceipt(Receipt(), Executor)), Domains.DomainFixtures.Now);

        var stored = spec.State.Receipts.ShouldHaveSingleItem();
        stored.Position.ShouldBe(2);
        spec.State.Position.ShouldBe(2);
        spec.Record(SignedReceipt(Receipt(), Executor)).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void Unsigned_receipt_is_recorded_as_informational_and_a_signed_copy_then_certifies_it()
    {
        var spec = CreatedV1();
        var informational = spec.Record(CertificationSigning.UnsignedReceiptJson(Receipt())).ShouldEmitSingle<DomainEvent, ReceiptRecorded>();
        spec.Given(informational);

        informational.Standing.ShouldBe(ReceiptStanding.Informational);
        informational.SignerKeyId.ShouldBeNull();
        spec.Record(CertificationSigning.UnsignedReceiptJson(Receipt())).ShouldBeAccepted().ShouldBeEmpty();
        spec.Given(spec.Record(SignedReceipt(Receipt(), Executor)).ShouldBeAccepted());
        spec.State.Receipts.ShouldHaveSingleItem().Record.Standing.ShouldBe(ReceiptStanding.Certified);
    }

    [Fact]
    public void Receipt_signed_by_a_principal_without_the_executor_role_is_refused()
    {
        CreatedV1().Record(SignedReceipt(Receipt(), Producer)).ShouldBeRejectedWith(SignerNotExecutor);
        CreatedV1().Record(SignedReceipt(Receipt(), Publisher)).ShouldBeRejectedWith(SignerNotExecutor);
    }

    [Fact]
    public void Receipt_signed_by_a_key_that_is_no_principal_or_altered_after_signing_is_refused()
    {
        CreatedV1().Record(SignedReceipt(Receipt(), Outsider)).ShouldBeRejectedWith(SignatureInvalid);

        var envelope = CertificationSigning.SignReceipt(Receipt(), TestKeys.Signer(Executor));
        var payload = envelope.Payload.ToArray();
        payload[^3] ^= 0x02;
        CreatedV1().Record(CertificationSigning.ToText(envelope with { Payload = payload })).ShouldBeRejectedWith(SignatureInvalid);
    }

    [Fact]
    public void Executor_role_is_judged_at_the_receipts_pinned_position_not_now()
    {
        var spec = RotatedToV2();

        spec.Record(SignedReceipt(Receipt(position: 1), Executor)).ShouldEmitSingle<DomainEvent, ReceiptRecorded>().AuthorityVersion.ShouldBe(1);
        spec.Record(SignedReceipt(Receipt(position: 2), Executor)).ShouldBeRejectedWith(SignerNotExecutor);
        spec.Record(SignedReceipt(Receipt(position: 2), NewExecutor)).ShouldEmitSingle<DomainEvent, ReceiptRecorded>().AuthorityVersion.ShouldBe(2);
        spec.Record(SignedReceipt(Receipt(position: 1), NewExecutor)).ShouldBeRejectedWith(SignerNotExecutor);
    }

    [Fact]
    public void Receipt_pinned_beyond_the_journal_for_another_domain_or_out_of_shape_is_refused()
    {
        CreatedV1().Record(SignedReceipt(Receipt(position: 2), Executor)).ShouldBeRejectedWith(PositionUnknown);
        CreatedV1().Record(SignedReceipt(Receipt(domainId: "other.example"), Executor)).ShouldBeRejectedWith(DomainMismatch);
        CreatedV1().Record(SignedReceipt(Receipt(position: 0), Executor)).ShouldBeRejectedWith(ReceiptMalformed);
        var (low, high) = D("a") < D("b") ? (D("a"), D("b")) : (D("b"), D("a"));
        CreatedV1().Record(SignedReceipt(Receipt() with { InputDigests = [high, low] }, Executor)).ShouldBeRejectedWith(ReceiptMalformed);
        CreatedV1().Record(SignedReceipt(Receipt() with { InputDigests = [low, low] }, Executor)).ShouldBeRejectedWith(ReceiptMalformed);
        CreatedV1().Record("not a receipt").ShouldBeRejectedWith(ReceiptMalformed);
    }

    [Fact]
    public void Receipt_signed_under_another_payload_type_is_refused()
    {
        var envelope = Envelope.Sign(PayloadTypes.Checkpoint, ActorTrustJson.ToCanonicalBytes(Receipt()), TestKeys.Signer(Executor));

        CreatedV1().Record(CertificationSigning.ToText(envelope)).ShouldBeRejectedWith(CertificationCodes.PayloadTypeUnsupported);
    }

    [Fact]
    public void Receipt_for_a_domain_that_was_never_created_is_refused()
    {
        Domains.DomainFixtures.Spec().When(new CertifyReceipt(SignedReceipt(Receipt(), Executor)), Domains.DomainFixtures.Now)
            .ShouldBeRejectedWith(DomainNotFound);
    }

    [Fact]
    public void Receipt_bytes_are_the_same_whatever_the_order_and_repeats_of_its_inputs()
    {
        var inputs = Gen.Elements("a", "b", "c", "d", "e").Select(D);
        Prop.ForAll(Gen.ListOf(inputs).ToArbitrary(), list =>
        {
            var forward = Receipt() with { InputDigests = ExecutionReceipt.Create(DomainFixturesId, 1, D("o"), list, "p", Receipt().Lineage).InputDigests };
            var backward = Receipt() with { InputDigests = ExecutionReceipt.Create(DomainFixturesId, 1, D("o"), [.. Enumerable.Reverse(list), .. list], "p", Receipt().Lineage).InputDigests };
            return ActorTrustJson.ToCanonicalBytes(forward).AsSpan().SequenceEqual(ActorTrustJson.ToCanonicalBytes(backward)) && forward.Validate() is null;
        }).QuickCheckThrowOnFailure();
    }

    private const string DomainFixturesId = Domains.DomainFixtures.DomainId;
}
