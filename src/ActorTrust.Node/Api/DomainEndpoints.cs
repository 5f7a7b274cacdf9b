using ActorTrust.Core.Domains;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorTrust.Node.Api;

/// <summary><c>/v1/domains</c>: create and rotate trust domains, read them, and ask which key held which role.</summary>
internal static class DomainEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/domains", async (HttpRequest request, NodeRuntime runtime, NodeMetrics metrics, CancellationToken ct) =>
        {
            var command = await CommandRequest.ReadAsync(request, ct);
            var domainId = command.PayloadMember("domain_id");
            if (TrustDomainName.Validate(domainId) is { } error)
            {
                return Problems.BadRequest("InvalidDomainId", error);
            }

            var result = await runtime.Domains.SendAsync(domainId, command.CommandId, new CreateDomain(command.Envelope), ct);
            return CommandResults.From(result, "domain", metrics, DomainView.Of);
        });

        app.MapPost("/v1/domains/{id}/rotate", async (string id, HttpRequest request, NodeRuntime runtime, NodeMetrics metrics, CancellationToken ct) =>
        {
            if (!TryDomainId(id, out var domainId, out var problem))
            {
                return problem;
            }

            var command = await CommandRequest.ReadAsync(request, ct);
            var result = await runtime.Domains.SendAsync(domainId, command.CommandId, new RotateDomain(command.Envelope), ct);
            return CommandResults.From(result, "domain", metrics, DomainView.Of);
        });

        app.MapGet("/v1/domains/{id}", async (string id, NodeRuntime runtime, CancellationToken ct) =>
        {
            if (!TryDomainId(id, out var domainId, out var problem))
            {
                return problem;
            }

            var view = await runtime.Domains.QueryAsync(domainId, (state, version) => state.Exists ? DomainView.Of(state, version) : null, ct);
            return view is null ? Problems.NotFound("DomainNotFound", $"domain '{domainId}' does not exist") : Results.Json(view);
        });

        app.MapGet("/v1/domains/{id}/authority-history", async (string id, NodeRuntime runtime, CancellationToken ct) =>
        {
            if (!TryDomainId(id, out var domainId, out var problem))
            {
                return problem;
            }

            // Every manifest version with the journal position that accepted it, in the file format `verify receipt|certification --history` read.
            var events = new List<(long, DomainEvent)>();
            await foreach (var record in runtime.Journal.ReadStreamAsync(Runtime.Journal.PersistenceIds.For(EntityKinds.Domain.Name, domainId), 1, ct))
            {
                events.Add((record.SeqNr, (DomainEvent)EntityKinds.Domain.Events.Deserialize(record.EventType, record.Payload)));
            }

            return events.Count == 0 ? Problems.NotFound("DomainNotFound", $"domain '{domainId}' does not exist")
                : Results.Bytes(Core.Json.ActorTrustJson.ToCanonicalBytes(Core.Receipts.AuthorityHistory.FromJournal(domainId, events)), "application/json");
        });

        app.MapGet("/v1/domains/{id}/key-roles", async (string id, string? key_id, string? role, long? version, NodeRuntime runtime, CancellationToken ct) =>
        {
            if (!TryDomainId(id, out var domainId, out var problem))
            {
                return problem;
            }

            if (!Digest.TryParse(key_id, out var keyId, out var keyError))
            {
                return Problems.BadRequest("InvalidKeyId", $"key_id: {keyError}");
            }

            if (!Enum.TryParse<DomainRole>(role, ignoreCase: true, out var parsedRole) || !Enum.IsDefined(parsedRole) || int.TryParse(role, out _))
            {
                return Problems.BadRequest("InvalidRole", "role must be one of producer, executor, publisher, auditor, federator");
            }

            var answer = await runtime.Domains.QueryAsync(domainId, (state, _) =>
                state.Exists ? (bool?)state.KeyHeldRole(keyId, parsedRole, version ?? state.Current!.Version) : null, ct);
            return answer is null
                ? Problems.NotFound("DomainNotFound", $"domain '{domainId}' does not exist")
                : Results.Json(new { domain_id = domainId, key_id = keyId.ToString(), role = parsedRole.ToString().ToLowerInvariant(), version, held = answer.Value });
        });
    }

    private static bool TryDomainId(string raw, out string domainId, out IResult problem)
    {
        domainId = Uri.UnescapeDataString(raw);
        var error = TrustDomainName.Validate(domainId);
        problem = error is null ? Results.Empty : Problems.BadRequest("InvalidDomainId", error);
        return error is null;
    }
}

/// <summary>The JSON shape of a domain for API answers.</summary>
internal static class DomainView
{
    public static object Of(DomainState state, long version) => new
    {
        domain_id = state.DomainId,
        entity_version = version,
        current_version = state.Current?.Version,
        current_manifest_digest = state.Current?.ManifestDigest.ToString(),
        expires_at = state.Current?.Manifest.ExpiresAt,
        principals = state.Current?.Manifest.Principals.Select(p => new
        {
            key_id = p.KeyId.ToString(),
            public_key = p.PublicKey,
            roles = p.Roles.Select(r => r.ToString().ToLowerInvariant()),
        }),
        versions = state.Versions.Select(v => new
        {
            version = v.Version,
            manifest_digest = v.ManifestDigest.ToString(),
            accepted_at = v.AcceptedAt,
            superseded_at = v.SupersededAt,
        }),
    };
}
