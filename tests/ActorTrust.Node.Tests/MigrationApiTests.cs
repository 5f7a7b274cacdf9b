using System.Net;
using System.Text;
using ActorTrust.Client;
using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Migrations;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Node.Tests;

public sealed class MigrationApiTests
{
    private const string PeerId = "peer-one";

    [Fact]
    public async Task Applying_a_migration_creates_every_item_under_its_source_id_in_one_event()
    {
        await using var federation = await Federation.StartAsync();
        var grant = await MigrateGrantAsync(federation);
        var items = Items(3);

        var migrationId = await PlanAsync(federation, grant, items, ConflictPolicy.Fail);
        var applied = await federation.Node.Client.ApplyMigrationAsync(PeerId, migrationId, items, federation.OperatorKey, null);
        var stream = await federation.Node.Client.GetEntityEventsAsync("peer", PeerId);

        applied.Accepted.ShouldBeTrue(applied.Detail);
        applied.State!.Value.GetProperty("migration").GetProperty("status").GetString().ShouldBe("completed");
        var appliedEvents = stream.Events.Where(e => e.EventType == "peer.migration-applied.v1").ToList();
        appliedEvents.Count.ShouldBe(1);
        var outcomes = appliedEvents[0].Payload.GetProperty("outcomes").EnumerateArray().ToList();
        outcomes.Select(o => o.GetProperty("source_id").GetString()).ShouldBe(items.Select(i => i.SourceId));
        outcomes.ShouldAllBe(o => o.GetProperty("action").GetString() == "create");
    }

    [Fact]
    public async Task Skip_if_exists_keeps_our_record_and_logs_the_conflict_truthfully()
    {
        await using var federation = await Federation.StartAsync();
        var (first, second) = await OverlappingAsync(federation);

        var applied = await ApplyAsync(federation, second, ConflictPolicy.SkipIfExists);

        applied.Accepted.ShouldBeTrue(applied.Detail);
        var payload = await AppliedPayloadAsync(federation);
        Action(payload, first[0].SourceId).ShouldBe("skip");
        Action(payload, second[1].SourceId).ShouldBe("create");
        payload.GetProperty("conflict_log").EnumerateArray().Single().GetProperty("source_id").GetString().ShouldBe(first[0].SourceId);
    }

    [Fact]
    public async Task Overwrite_replaces_our_record_and_logs_the_conflict()
    {
        await using var federation = await Federation.StartAsync();
        var (first, second) = await OverlappingAsync(federation);

        var applied = await ApplyAsync(federation, second, ConflictPolicy.Overwrite);

        applied.Accepted.ShouldBeTrue(applied.Detail);
        var payload = await AppliedPayloadAsync(federation);
        Action(payload, first[0].SourceId).ShouldBe("overwrite");
        payload.GetProperty("conflict_log").EnumerateArray().Single().GetProperty("policy").GetString().ShouldBe("overwrite");
    }

    [Fact]
    public async Task Policy_fail_stops_at_the_conflict_and_applies_nothing_until_revalidated_under_another_policy()
    {
        await using var federation = await Federation.StartAsync();
        var (_, second) = await OverlappingAsync(federation);
        var client = federation.Node.Client;
        var grant = await MigrateGrantAsync(federation);
        var migrationId = await PlanAsync(federation, grant, second, ConflictPolicy.Fail);

        var conflicted = await client.ApplyMigrationAsync(PeerId, migrationId, second, federation.OperatorKey, null);
        var appliedBefore = await AppliedCountAsync(federation);
        var retried = await client.ApplyMigrationAsync(PeerId, migrationId, second, federation.OperatorKey, null, ConflictPolicy.SkipIfExists);

        conflicted.Accepted.ShouldBeFalse();
        conflicted.Status.ShouldBe(409);
        conflicted.Code.ShouldBe("MigrationConflicted");
        conflicted.Detail!.ShouldContain(second[0].SourceId);
        appliedBefore.ShouldBe(1); // only the first migration
        retried.Accepted.ShouldBeTrue(retried.Detail);
        (await AppliedCountAsync(federation)).ShouldBe(2);
    }

    [Fact]
    public async Task A_batch_that_differs_from_the_manifest_fails_the_migration_and_applies_nothing()
    {
        await using var federation = await Federation.StartAsync();
        var grant = await MigrateGrantAsync(federation);
        var items = Items(2);
        var migrationId = await PlanAsync(federation, grant, items, ConflictPolicy.Fail);
        var tampered = new[] { items[0], items[1] with { ContentDigest = Digest.Sha256("something else"u8) } };

        var outcome = await federation.Node.Client.ApplyMigrationAsync(PeerId, migrationId, tampered, federation.OperatorKey, null);
        var stream = await federation.Node.Client.GetEntityEventsAsync("peer", PeerId);

        outcome.Code.ShouldBe("MigrationFailed");
        stream.Events.ShouldNotContain(e => e.EventType == "peer.migration-applied.v1");
        stream.Events.ShouldContain(e => e.EventType == "peer.migration-failed.v1");
        stream.Events.ShouldContain(e => e.EventType == "peer.finding-raised.v1");
    }

    [Fact]
    public async Task A_plan_whose_ids_are_not_uuidv7_is_refused_recorded_and_plans_nothing()
    {
        await using var federation = await Federation.StartAsync();
        var grant = await MigrateGrantAsync(federation);
        var items = new[] { new MigrationItem(Guid.NewGuid().ToString(), "vm", Digest.Sha256("v4"u8)) };

        var outcome = await federation.Node.Client.PlanMigrationAsync(PeerId, grant.Id, grant.Credential, Plan(items, ConflictPolicy.Fail), federation.PeerKey);
        var stream = await federation.Node.Client.GetEntityEventsAsync("peer", PeerId);

        outcome.Code.ShouldBe("MigrationHygieneViolated");
        outcome.Detail!.ShouldContain("UUIDv7");
        stream.Events.ShouldNotContain(e => e.EventType == "peer.migration-planned.v1");
        stream.Events.ShouldContain(e => e.EventType == "peer.command-refused.v1");
    }

    [Fact]
    public async Task A_plan_under_a_grant_without_the_migrate_scope_is_refused_and_recorded()
    {
        await using var federation = await Federation.StartAsync();
        var grant = await MigrateGrantAsync(federation, GrantScope.Read);

        var outcome = await federation.Node.Client.PlanMigrationAsync(PeerId, grant.Id, grant.Credential, Plan(Items(1), ConflictPolicy.Fail), federation.PeerKey);
        var stream = await federation.Node.Client.GetEntityEventsAsync("peer", PeerId);

        outcome.Code.ShouldBe("GrantScopeNotCovered");
        stream.Events.ShouldNotContain(e => e.EventType == "peer.migration-planned.v1");
        stream.Events[^1].EventType.ShouldBe("peer.command-refused.v1");
    }

    [Fact]
    public async Task A_plan_with_a_wrong_credential_is_refused()
    {
        await using var federation = await Federation.StartAsync();
        var grant = await MigrateGrantAsync(federation);

        var outcome = await federation.Node.Client.PlanMigrationAsync(PeerId, grant.Id, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Plan(Items(1), ConflictPolicy.Fail), federation.PeerKey);

        outcome.Code.ShouldBe("GrantCredentialInvalid");
    }

    [Theory]
    [InlineData("migrations", "{")]
    [InlineData("migrations", """{"grant_id":"g","credential":"c","plan":{"resource_kind":"vm"},"key_id":"sha256:00","extra":1}""")]
    [InlineData("migrations/{mid}/apply", """{"operator_key_id":"{op}"}""")]
    [InlineData("migrations/{mid}/apply", """{"operator_key_id":"{op}","key_id":"{peer}","items":[]}""")]
    [InlineData("migrations/{mid}/apply", """{"operator_key_id":"{op}","items":[null]}""")]
    [InlineData("migrations/{mid}/validate", """{"operator_key_id":"{op}","conflict_policy":"sometimes"}""")]
    [InlineData("migrations/{mid}/cancel", """{"operator_key_id":"{op}"}""")]
    public async Task A_malformed_migration_request_is_answered_400_and_writes_nothing(string path, string body)
    {
        await using var federation = await Federation.StartAsync();
        var grant = await MigrateGrantAsync(federation);
        var migrationId = await PlanAsync(federation, grant, Items(1), ConflictPolicy.Fail);
        var before = await VersionAsync(federation);
        var json = body.Replace("{op}", federation.OperatorKeyId, StringComparison.Ordinal).Replace("{peer}", federation.PeerKeyId, StringComparison.Ordinal);

        using var response = await federation.Node.Http.PostAsync(new Uri($"v1/peers/{PeerId}/{path.Replace("{mid}", migrationId, StringComparison.Ordinal)}", UriKind.Relative),
            new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await VersionAsync(federation)).ShouldBe(before);
    }

    [Fact]
    public async Task Applying_as_a_principal_without_federator_is_answered_403_and_writes_nothing()
    {
        await using var federation = await Federation.StartAsync();
        var grant = await MigrateGrantAsync(federation);
        var items = Items(1);
        var migrationId = await PlanAsync(federation, grant, items, ConflictPolicy.Fail);
        var before = await federation.JournalEventsAsync();

        var asPublisher = await Should.ThrowAsync<ActorTrustApiException>(() => federation.Node.Client.ApplyMigrationAsync(PeerId, migrationId, items, federation.PublisherKey, null));

        (asPublisher.Status, asPublisher.Code).ShouldBe((403, "ActorNotAuthorized"));
        (await federation.JournalEventsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Applying_as_the_peer_with_another_key_than_its_own_is_answered_401_and_writes_nothing()
    {
        await using var federation = await Federation.StartAsync();
        var grant = await MigrateGrantAsync(federation);
        var items = Items(1);
        var migrationId = await PlanAsync(federation, grant, items, ConflictPolicy.Fail);
        var before = await federation.JournalEventsAsync();

        var asStranger = await Should.ThrowAsync<ActorTrustApiException>(() => federation.Node.Client.ApplyMigrationAsync(PeerId, migrationId, items, null, federation.StrangerKey));
        var asOperatorClaimingToBeThePeer = await Should.ThrowAsync<ActorTrustApiException>(() =>
            federation.Node.Client.ApplyMigrationAsync(PeerId, migrationId, items, null, federation.OperatorKey));

        (asStranger.Status, asStranger.Code).ShouldBe((401, "AuthorizationKeyUnknown"));
        (asOperatorClaimingToBeThePeer.Status, asOperatorClaimingToBeThePeer.Code).ShouldBe((401, "AuthorizationKeyUnknown"));
        (await federation.JournalEventsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_peer_can_apply_its_own_migration_and_a_retried_apply_writes_nothing_more()
    {
        await using var federation = await Federation.StartAsync();
        var grant = await MigrateGrantAsync(federation);
        var items = Items(2);
        var migrationId = await PlanAsync(federation, grant, items, ConflictPolicy.Fail);

        var first = await federation.Node.Client.ApplyMigrationAsync(PeerId, migrationId, items, null, federation.PeerKey, commandId: "apply-1");
        var version = await VersionAsync(federation);
        var again = await federation.Node.Client.ApplyMigrationAsync(PeerId, migrationId, items, null, federation.PeerKey, commandId: "apply-1");

        first.Accepted.ShouldBeTrue(first.Detail);
        again.Accepted.ShouldBeTrue(again.Detail);
        again.Events.ShouldBeEmpty();
        (await VersionAsync(federation)).ShouldBe(version);
    }

    [Fact]
    public async Task A_cancelled_migration_cannot_be_applied_and_is_listed_as_cancelled()
    {
        await using var federation = await Federation.StartAsync();
        var client = federation.Node.Client;
        var grant = await MigrateGrantAsync(federation);
        var items = Items(1);
        var migrationId = await PlanAsync(federation, grant, items, ConflictPolicy.Fail);

        var cancelled = await client.CancelMigrationAsync(PeerId, migrationId, "changed our mind", null, federation.PeerKey);
        var applied = await client.ApplyMigrationAsync(PeerId, migrationId, items, federation.OperatorKey, null);
        var list = await client.ListMigrationsAsync(PeerId);
        var shown = await client.GetMigrationAsync(PeerId, migrationId);

        cancelled.Accepted.ShouldBeTrue(cancelled.Detail);
        applied.Accepted.ShouldBeFalse();
        applied.Code.ShouldBe("MigrationCancelled");
        list!.Value.GetProperty("migrations").EnumerateArray().Single().GetProperty("status").GetString().ShouldBe("cancelled");
        shown!.Value.GetProperty("status").GetString().ShouldBe("cancelled");
        (await client.GetMigrationAsync(PeerId, "m-unknown")).ShouldBeNull();
    }

    internal static IReadOnlyList<MigrationItem> Items(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new MigrationItem(Guid.CreateVersion7().ToString(), "vm", Digest.Sha256(Encoding.UTF8.GetBytes($"vm {i} {Guid.NewGuid()}"))))];

    internal static MigrationPlan Plan(IReadOnlyList<MigrationItem> items, ConflictPolicy policy) => new("vm", MigrationOperation.Duplicate, policy, false, items);

    /// <summary>Enrols the peer (first call only) and issues a grant with <paramref name="scope"/> on <c>vm</c>.</summary>
    internal static async Task<(string Id, string Credential)> MigrateGrantAsync(Federation federation, GrantScope scope = GrantScope.Migrate)
    {
        if (await federation.Node.Client.GetPeerAsync(PeerId) is null)
        {
            await federation.EnrollAsync(PeerId);
        }

        var issued = await federation.Node.Client.IssueGrantAsync(PeerId, new GrantRequest([scope], "vm", "remote-user"), federation.OperatorKey);
        issued.Accepted.ShouldBeTrue(issued.Detail);
        return (issued.State!.Value.GetProperty("grant_id").GetString()!, issued.State!.Value.GetProperty("credential").GetString()!);
    }

    internal static async Task<string> PlanAsync(Federation federation, (string Id, string Credential) grant, IReadOnlyList<MigrationItem> items, ConflictPolicy policy)
    {
        var planned = await federation.Node.Client.PlanMigrationAsync(PeerId, grant.Id, grant.Credential, Plan(items, policy), federation.PeerKey);
        planned.Accepted.ShouldBeTrue(planned.Detail);
        return planned.State!.Value.GetProperty("migration_id").GetString()!;
    }

    // A first migration applied (items A, B), and a second manifest (A again, C) that conflicts on A.
    private static async Task<(IReadOnlyList<MigrationItem> First, IReadOnlyList<MigrationItem> Second)> OverlappingAsync(Federation federation)
    {
        var first = Items(2);
        var grant = await MigrateGrantAsync(federation);
        var migrationId = await PlanAsync(federation, grant, first, ConflictPolicy.Fail);
        (await federation.Node.Client.ApplyMigrationAsync(PeerId, migrationId, first, federation.OperatorKey, null)).Accepted.ShouldBeTrue();
        return (first, [first[0] with { ContentDigest = Digest.Sha256("newer"u8) }, Items(1)[0]]);
    }

    private static async Task<CommandOutcome> ApplyAsync(Federation federation, IReadOnlyList<MigrationItem> items, ConflictPolicy policy)
    {
        var grant = await MigrateGrantAsync(federation);
        var migrationId = await PlanAsync(federation, grant, items, policy);
        return await federation.Node.Client.ApplyMigrationAsync(PeerId, migrationId, items, federation.OperatorKey, null);
    }

    private static async Task<System.Text.Json.JsonElement> AppliedPayloadAsync(Federation federation) =>
        (await federation.Node.Client.GetEntityEventsAsync("peer", PeerId)).Events.Last(e => e.EventType == "peer.migration-applied.v1").Payload;

    private static async Task<int> AppliedCountAsync(Federation federation) =>
        (await federation.Node.Client.GetEntityEventsAsync("peer", PeerId)).Events.Count(e => e.EventType == "peer.migration-applied.v1");

    private static string? Action(System.Text.Json.JsonElement payload, string sourceId) =>
        payload.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("source_id").GetString() == sourceId).GetProperty("action").GetString();

    private static async Task<long> VersionAsync(Federation federation) =>
        (await federation.Node.Client.GetPeerAsync(PeerId))!.Value.GetProperty("entity_version").GetInt64();
}
