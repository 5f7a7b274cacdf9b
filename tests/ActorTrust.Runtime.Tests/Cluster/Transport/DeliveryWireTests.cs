using System.Text;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Transport;
using ActorTrust.Runtime.Tests.Entities;

namespace ActorTrust.Runtime.Tests.Cluster.Transport;

public sealed class DeliveryWireTests
{
    private static readonly NodeId A = new("127.0.0.1", 7001, 1);
    private static readonly NodeId B = new("127.0.0.1", 7002, 1);
    private static readonly TransportLimits Limits = new();

    [Fact]
    public void A_batch_round_trips_envelope_for_envelope()
    {
        var batch = new DeliveryBatch([Envelopes.For(A, B, "a1", new Add(1)), Envelopes.For(A, B, "a2", new Add(2))]);

        var decoded = DeliveryWire.DecodeBatch(DeliveryWire.EncodeBatch(batch), Limits);

        decoded.Envelopes.Count.ShouldBe(2);
        decoded.Envelopes[1].EntityId.ShouldBe("a2");
        decoded.Envelopes[1].TimeLeft.ShouldBe(TimeSpan.FromSeconds(5));
        decoded.Envelopes[1].Payload.GetRawText().ShouldBe(batch.Envelopes[1].Payload.GetRawText());
    }

    [Theory]
    [InlineData("{", "malformed batch")]
    [InlineData("[]", "malformed batch")]
    [InlineData("null", "cannot be null")]
    [InlineData("""{"envelopes":[]}""", "at least one envelope")]
    [InlineData("""{"envelopes":[],"extra":1}""", "malformed batch")]
    [InlineData("""{"envelopes":[],"envelopes":[]}""", "malformed batch")]
    public void Malformed_batches_are_refused_with_the_reason(string json, string expected)
    {
        Should.Throw<FormatException>(() => DeliveryWire.DecodeBatch(Encoding.UTF8.GetBytes(json), Limits)).Message.ShouldContain(expected);
    }

    [Fact]
    public void An_envelope_with_a_bad_node_id_is_refused()
    {
        var batch = new DeliveryBatch([Envelopes.For(A, B, "a1", new Add(1)) with { ToNode = "127.0.0.1:7002" }]);

        Should.Throw<FormatException>(() => DeliveryWire.DecodeBatch(DeliveryWire.EncodeBatch(batch), Limits)).Message.ShouldContain("to_node");
    }

    [Fact]
    public void A_batch_with_more_envelopes_than_the_limit_is_refused()
    {
        var limits = new TransportLimits { MaxBatchEnvelopes = 2 };
        var batch = new DeliveryBatch([.. Enumerable.Range(0, 3).Select(i => Envelopes.For(A, B, $"e{i}", new Add(1)))]);

        Should.Throw<FormatException>(() => DeliveryWire.DecodeBatch(DeliveryWire.EncodeBatch(batch), limits)).Message.ShouldContain("at most 2 envelopes");
    }

    [Fact]
    public void An_oversized_body_is_refused_before_it_is_parsed()
    {
        var limits = new TransportLimits { MaxBodyBytes = 100, MaxPayloadBytes = 50 };
        var body = Encoding.UTF8.GetBytes(new string('{', 101));

        Should.Throw<FormatException>(() => DeliveryWire.DecodeBatch(body, limits)).Message.ShouldContain("over the 100-byte limit");
    }

    [Fact]
    public void An_oversized_payload_is_refused()
    {
        var limits = new TransportLimits { MaxPayloadBytes = 5 };
        var batch = new DeliveryBatch([Envelopes.For(A, B, "a1", new Add(1))]);

        Should.Throw<FormatException>(() => DeliveryWire.DecodeBatch(DeliveryWire.EncodeBatch(batch), limits)).Message.ShouldContain("over the 5-byte limit");
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var limits = new TransportLimits { MaxDepth = 3 };
        var batch = new DeliveryBatch([Envelopes.For(A, B, "a1", new Add(1))]);

        Should.Throw<FormatException>(() => DeliveryWire.DecodeBatch(DeliveryWire.EncodeBatch(batch), limits)).Message.ShouldContain("malformed batch");
    }

    [Fact]
    public void A_reply_with_the_wrong_number_of_answers_is_refused()
    {
        var reply = new DeliveryReply([DeliveryAnswer.NotOwner("m1", null)]);

        Should.Throw<FormatException>(() => DeliveryWire.DecodeReply(DeliveryWire.EncodeReply(reply), 2, Limits)).Message.ShouldContain("must hold 2 answers");
    }
}
