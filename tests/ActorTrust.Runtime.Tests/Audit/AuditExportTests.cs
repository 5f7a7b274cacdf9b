using System.Text;
using System.Text.Json.Nodes;
using ActorTrust.Runtime.Audit;
using ActorTrust.Runtime.Journal;
using static ActorTrust.Runtime.Tests.Audit.TamperDetectionTests;

namespace ActorTrust.Runtime.Tests.Audit;

public sealed class AuditExportTests
{
    [Fact]
    public async Task Export_then_reimport_reproduces_every_record_and_verifies_clean()
    {
        await using var fx = await AuditFixture.WithCountersAsync(3, 2);
        await fx.CheckpointAsync();
        await fx.AddEventsAsync("a", 1);
        var live = await fx.Journal.ReadFeedAsync(0, int.MaxValue, FeedFilter.All, CancellationToken.None);

        var exported = await RoundTripAsync(fx);
        var report = await AuditVerifier.VerifyAllAsync(exported, fx.Options, null, CancellationToken.None);

        exported.Records.Select(ExportLine.Write).ShouldBe(live.Select(ExportLine.Write));
        exported.Records.Select(r => r.Payload).ShouldBe(live.Select(r => r.Payload));
        report.IsClean.ShouldBeTrue();
        (report.StreamsChecked, report.EventsChecked, report.CheckpointsVerified).ShouldBe((3, 7L, 1));
    }

    [Fact]
    public async Task Export_line_has_every_field_with_the_payload_embedded_as_json()
    {
        await using var fx = await AuditFixture.WithCountersAsync(1);
        var record = (await fx.StreamAsync("counter|a")).Single();

        var line = JsonNode.Parse(ExportLine.Write(record))!.AsObject();

        line.Select(m => m.Key).ShouldBe(["command_id", "event_type", "global_position", "hash", "payload", "persistence_id",
            "prev_hash", "seq_nr", "timestamp", "writer_node", "writer_token"]);
        line["payload"]!.ToJsonString().ShouldBe("{\"by\":1}");
        line["hash"]!.GetValue<string>().ShouldBe(record.Hash.ToString());
        line["prev_hash"]!.GetValue<string>().ShouldBe(HashChain.Genesis("counter|a").ToString());
        line["timestamp"]!.GetValue<string>().ShouldBe("2026-01-01T00:00:00.000Z");
        line["writer_token"]!.GetValue<double>().ShouldBe(1);
    }

    [Fact]
    public async Task Export_of_a_tampered_journal_reports_the_same_violations()
    {
        await using var fx = await AuditFixture.WithCountersAsync(4, 4, 4, 4);
        await fx.CheckpointAsync();
        fx.Journal.Tamper("counter|a", 2, r => r with { Payload = "{\"by\":99}"u8.ToArray() });
        fx.Journal.Delete("counter|b", 2);
        fx.Journal.Swap("counter|c", 1, 2);
        fx.Journal.Delete("counter|d", 4);

        var live = await fx.VerifyAsync();
        var offline = await AuditVerifier.VerifyAllAsync(await RoundTripAsync(fx), fx.Options, null, CancellationToken.None);

        offline.Violations.ShouldBe(live.Violations);
        live.Violations.Select(v => (v.PersistenceId, v.Kind)).ShouldBe(
        [
            ("counter|a", ChainViolationKind.HashMismatch),
            ("counter|b", ChainViolationKind.SequenceGap),
            ("counter|c", ChainViolationKind.SequenceGap),
            ("counter|d", ChainViolationKind.Truncated),
        ]);
    }

    [Fact]
    public async Task Payload_that_is_not_canonical_json_survives_byte_for_byte()
    {
        await using var fx = await AuditFixture.WithCountersAsync(2);
        var loose = "{ \"by\" : 2 }"u8.ToArray();
        fx.Journal.Tamper("counter|a", 2, r =>
        {
            var changed = r with { Payload = loose };
            return changed with { Hash = HashChain.Recompute(changed) };
        });

        var exported = await RoundTripAsync(fx);

        exported.Records[1].Payload.ShouldBe(loose);
        Encoding.UTF8.GetString(ExportLine.Write(exported.Records[1])).ShouldContain("\"payload_base64\":");
        (await AuditVerifier.VerifyAllAsync(exported, fx.Options, null, CancellationToken.None)).IsClean.ShouldBeTrue();
    }

    [Fact]
    public async Task Lines_moved_out_of_feed_order_are_a_feed_disorder()
    {
        await using var fx = await AuditFixture.WithCountersAsync(1, 1, 1);
        var lines = Encoding.UTF8.GetString(await ExportAsync(fx)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        (lines[0], lines[1]) = (lines[1], lines[0]);

        var exported = await AuditExport.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines))), CancellationToken.None);
        var report = await AuditVerifier.VerifyAllAsync(exported, fx.Options, null, CancellationToken.None);

        ShouldName(report, "counter|a", 1, ChainViolationKind.FeedDisorder);
    }

    [Theory]
    [InlineData("not json", "export line 2:")]
    [InlineData("[]", "JSON object")]
    [InlineData("{\"command_id\":\"c\"}", "'global_position' must be an integer")]
    [InlineData("{\"extra\":1}", "unknown member 'extra'")]
    public async Task Malformed_line_is_refused_with_its_line_number(string badLine, string expected)
    {
        await using var fx = await AuditFixture.WithCountersAsync(1);
        var good = Encoding.UTF8.GetString(await ExportAsync(fx));

        var ex = await Should.ThrowAsync<FormatException>(() =>
            AuditExport.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(good + badLine + "\n")), CancellationToken.None));

        ex.Message.ShouldStartWith("export line 2:");
        ex.Message.ShouldContain(expected);
    }

    [Theory]
    [InlineData("\"hash\":\"sha256:", "\"hash\":\"SHA256:", "'hash'")]
    [InlineData(".000Z", "+00:00", "'timestamp'")]
    [InlineData("\"payload\":", "\"payload_base64\":\"e30=\",\"payload\":", "exactly one of")]
    [InlineData("\"seq_nr\":1", "\"seq_nr\":1.5", "'seq_nr'")]
    public async Task Line_with_a_bad_member_is_refused(string find, string replace, string expected)
    {
        await using var fx = await AuditFixture.WithCountersAsync(1);
        var line = Encoding.UTF8.GetString(await ExportAsync(fx)).Replace(find, replace, StringComparison.Ordinal);

        var ex = await Should.ThrowAsync<FormatException>(() =>
            AuditExport.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(line)), CancellationToken.None));

        ex.Message.ShouldContain(expected);
    }

    [Fact]
    public async Task Exported_journal_is_read_only()
    {
        await using var fx = await AuditFixture.WithCountersAsync(1);
        var exported = await RoundTripAsync(fx);

        await Should.ThrowAsync<NotSupportedException>(() => exported.AppendAsync([], CancellationToken.None));
    }

    private static async Task<byte[]> ExportAsync(AuditFixture fx)
    {
        using var buffer = new MemoryStream();
        await AuditExport.WriteAsync(fx.Journal, buffer, pageSize: 3, CancellationToken.None);
        return buffer.ToArray();
    }

    private static async Task<ExportedJournal> RoundTripAsync(AuditFixture fx) =>
        await AuditExport.ReadAsync(new MemoryStream(await ExportAsync(fx)), CancellationToken.None);
}
