using System.Text;
using System.Text.Json.Nodes;
using ActorTrust.Core.Federation.Migrations;
using ActorTrust.Runtime.Audit;

namespace ActorTrust.Node.Tests;

public sealed class PeerAuditApiTests
{
    private const string PeerId = "peer-one";

    [Fact]
    public async Task The_audit_excerpt_holds_every_event_of_the_peer_annotated_and_verifies_offline()
    {
        await using var federation = await Federation.StartAsync();
        var grant = await MigrationApiTests.MigrateGrantAsync(federation);
        var items = MigrationApiTests.Items(1);
        var migrationId = await MigrationApiTests.PlanAsync(federation, grant, items, ConflictPolicy.Fail);
        (await federation.Node.Client.ApplyMigrationAsync(PeerId, migrationId, items, federation.OperatorKey, null)).Accepted.ShouldBeTrue();

        var excerpt = await federation.Node.Client.GetPeerAuditAsync(PeerId);
        var lines = Lines(excerpt);
        var events = await federation.Node.Client.GetEntityEventsAsync("peer", PeerId);
        var report = await VerifyAsync(excerpt);

        lines.Count.ShouldBe(events.Events.Count);
        lines.ShouldAllBe(l => (string)l["federation_peer_id"]! == PeerId);
        lines.Where(l => ((string)l["event_type"]!).StartsWith("peer.migration-", StringComparison.Ordinal) || ((string)l["event_type"]!).StartsWith("peer.grant-", StringComparison.Ordinal))
            .ShouldAllBe(l => (string?)l["remote_subject"] == "remote-user");
        lines.Single(l => (string)l["event_type"]! == "peer.proposed.v1").ContainsKey("remote_subject").ShouldBeFalse();
        report.IsClean.ShouldBeTrue(string.Join("; ", report.Violations.Select(v => v.Message)));
        report.EventsChecked.ShouldBe(lines.Count);
    }

    [Fact]
    public async Task An_excerpt_with_an_edited_payload_fails_verification()
    {
        await using var federation = await Federation.StartAsync();
        await MigrationApiTests.MigrateGrantAsync(federation);
        var lines = Lines(await federation.Node.Client.GetPeerAuditAsync(PeerId));
        var proposed = lines.Single(l => (string)l["event_type"]! == "peer.proposed.v1");
        proposed["payload"]!["reason"] = "something else";

        var report = await VerifyAsync(Join(lines));

        report.IsClean.ShouldBeFalse();
        report.Violations.ShouldContain(v => v.PersistenceId == "peer|" + PeerId);
    }

    [Fact]
    public async Task An_excerpt_with_an_edited_remote_subject_is_refused_on_reading()
    {
        await using var federation = await Federation.StartAsync();
        await MigrationApiTests.MigrateGrantAsync(federation);
        var lines = Lines(await federation.Node.Client.GetPeerAuditAsync(PeerId));
        lines.Single(l => (string)l["event_type"]! == "peer.grant-issued.v1")["remote_subject"] = "someone-else";

        var error = await Should.ThrowAsync<FormatException>(() => VerifyAsync(Join(lines)));

        error.Message.ShouldContain("remote_subject");
    }

    [Fact]
    public async Task An_excerpt_with_a_deleted_event_fails_verification()
    {
        await using var federation = await Federation.StartAsync();
        await MigrationApiTests.MigrateGrantAsync(federation);
        var lines = Lines(await federation.Node.Client.GetPeerAuditAsync(PeerId));
        lines.RemoveAt(1);

        var report = await VerifyAsync(Join(lines));

        report.IsClean.ShouldBeFalse();
    }

    [Fact]
    public async Task The_excerpt_of_an_unknown_peer_is_answered_404()
    {
        await using var federation = await Federation.StartAsync();

        var error = await Should.ThrowAsync<Client.ActorTrustApiException>(() => federation.Node.Client.GetPeerAuditAsync("nobody"));

        error.Status.ShouldBe(404);
    }

    private static List<JsonObject> Lines(byte[] excerpt) =>
        [.. Encoding.UTF8.GetString(excerpt).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];

    private static byte[] Join(IEnumerable<JsonObject> lines) =>
        Encoding.UTF8.GetBytes(string.Join('\n', lines.Select(l => Encoding.UTF8.GetString(Core.Json.CanonicalJson.Serialize(l)))) + "\n");

    private static async Task<AuditReport> VerifyAsync(byte[] excerpt)
    {
        using var input = new MemoryStream(excerpt);
        var journal = await AuditExport.ReadAsync(input, CancellationToken.None);
        return await AuditVerifier.VerifyAllAsync(journal, new AuditOptions(), null, CancellationToken.None);
    }
}
