using ActorTrust.Core.Hashing;
using ActorTrust.Core.Tests.Fuzz;
using ActorTrust.Runtime.Audit;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Transport;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Tests.Cluster.Transport;
using ActorTrust.Runtime.Tests.Entities;

namespace ActorTrust.Runtime.Tests.Fuzz;

/// <summary>
/// Hostile bytes from another node (delivery batches and replies) and from an audit export file (export lines):
/// every damaged case is read or refused with a <see cref="FormatException"/>, never another exception.
/// </summary>
public sealed class WireFuzzTests
{
    private const int Cases = 300;
    private static readonly NodeId A = new("127.0.0.1", 7001, 1);
    private static readonly NodeId B = new("127.0.0.1", 7002, 1);
    private static readonly TransportLimits Limits = new();

    [Fact]
    public void Damaged_delivery_batch_is_read_or_refused_as_a_format_error()
    {
        var valid = DeliveryWire.EncodeBatch(new DeliveryBatch([Envelopes.For(A, B, "a1", new Add(1)), Envelopes.For(A, B, "a2", new Add(2))]));

        Failures(valid, 0x77697265, bytes => DeliveryWire.DecodeBatch(bytes, Limits)).ShouldBeEmpty();
    }

    [Fact]
    public void Damaged_delivery_reply_is_read_or_refused_as_a_format_error()
    {
        var valid = DeliveryWire.EncodeReply(new DeliveryReply([DeliveryAnswer.Delivered("m1", System.Text.Json.JsonDocument.Parse("{\"ok\":true}").RootElement),
            new DeliveryAnswer("m2", DeliveryStatus.NotOwner, OwnerHint: B.ToString())]));

        Failures(valid, 0x7265706C, bytes => DeliveryWire.DecodeReply(bytes, 2, Limits)).ShouldBeEmpty();
    }

    [Fact]
    public void Damaged_audit_export_line_is_read_or_refused_as_a_format_error()
    {
        var payload = "{\"by\":1}"u8.ToArray();
        var prev = HashChain.Genesis("counter|a");
        var record = new JournalRecord(1, "counter|a", 1, "counter.added.v1", payload, new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
            "node-1", 1, "c-1", prev, Digest.Sha256(payload));
        var valid = ExportLine.Write(record);

        Failures(valid, 0x6C696E65, bytes => ExportLine.Read(bytes)).ShouldBeEmpty();
    }

    [Fact]
    public void Batch_with_a_null_envelope_is_refused_as_a_format_error()
    {
        // Found by the batch fuzz (TypeSwap): CheckEnvelope threw ArgumentNullException, which the endpoint answered with a 500.
        Should.Throw<FormatException>(() => DeliveryWire.DecodeBatch("""{"envelopes":[null]}"""u8, Limits)).Message.ShouldContain("not null");
    }

    [Fact]
    public void Reply_with_a_null_answer_is_refused_as_a_format_error()
    {
        // The same shape in a reply reached the outbox, which hands answers to waiting callers by position.
        Should.Throw<FormatException>(() => DeliveryWire.DecodeReply("""{"answers":[null]}"""u8, 1, Limits)).Message.ShouldContain("msg_id");
    }

    private static List<string> Failures(byte[] valid, ulong salt, Action<byte[]> read)
    {
        var failures = new List<string>();
        foreach (var mutation in Mutator.Cases(valid, Cases, salt))
        {
            try
            {
                read(mutation.Bytes);
            }
            catch (FormatException)
            {
            }
            catch (Exception e)
            {
                failures.Add($"{mutation}: {e.GetType().Name}: {e.Message}{Environment.NewLine}{e.StackTrace}");
            }
        }

        return failures;
    }
}
