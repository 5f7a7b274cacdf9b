using System.Text.Json.Nodes;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Identity;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorTrust.Node.Api;

/// <summary>
/// <c>/v1/domains/{id}/receipts</c> and <c>/certifications</c>: record execution receipts (certified when an
/// executor of the domain signed them, informational when unsigned) and certification statements in the domain's
/// journal, content-addressed, and list the receipts recorded.
/// </summary>
internal static class DomainCertificationEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/domains/{id}/receipts", async (string id, HttpRequest request, NodeRuntime runtime, NodeMetrics metrics, CancellationToken ct) =>
        {
            var domainId = DomainId(id);
            var body = await RequestBodies.ReadAsync<ReceiptRequest>(request, null, ct);
            var result = await runtime.Domains.SendAsync(domainId, RequestBodies.CommandIdOr(body.CommandId), new CertifyReceipt(body.Receipt.ToJsonString()), ct);
            return CommandResults.From(result, "domain", metrics, DomainView.Of);
        });

        app.MapPost("/v1/domains/{id}/certifications", async (string id, HttpRequest request, NodeRuntime runtime, NodeMetrics metrics, CancellationToken ct) =>
        {
            var domainId = DomainId(id);
            var body = await RequestBodies.ReadAsync<CertificationRequest>(request, null, ct);
            var result = await runtime.Domains.SendAsync(domainId, RequestBodies.CommandIdOr(body.CommandId), new Certify(body.Envelope.ToJsonString()), ct);
            return CommandResults.From(result, "domain", metrics, DomainView.Of);
        });

        app.MapGet("/v1/domains/{id}/receipts", async (string id, NodeRuntime runtime, CancellationToken ct) =>
        {
            var domainId = DomainId(id);
            var receipts = await runtime.Domains.QueryAsync(domainId, (state, _) => state.Exists ? ReceiptsOf(state) : null, ct);
            return receipts is null ? Problems.NotFound("DomainNotFound", $"domain '{domainId}' does not exist") : Results.Json(new { domain_id = domainId, receipts });
        });
    }

    private static object ReceiptsOf(DomainState state) => state.Receipts.Select(r => new
    {
        position = r.Position,
        receipt_digest = r.Record.ReceiptDigest.ToString(),
        standing = r.Record.Standing,
        signer_key_id = r.Record.SignerKeyId?.ToString(),
        authority_version = r.Record.AuthorityVersion,
        recorded_at = r.Record.RecordedAt,
        document = JsonNode.Parse(r.Record.Document),
    }).ToList();

    private static string DomainId(string raw)
    {
        var domainId = Uri.UnescapeDataString(raw);
        return TrustDomainName.Validate(domainId) is { } error ? throw new FormatException($"domain id: {error}") : domainId;
    }
}

/// <summary>The body of <c>POST /v1/domains/{id}/receipts</c>: a signed receipt envelope, or the unsigned receipt.</summary>
internal sealed record ReceiptRequest(JsonObject Receipt, string? CommandId = null);

/// <summary>The body of <c>POST /v1/domains/{id}/certifications</c>: the signed statement envelope.</summary>
internal sealed record CertificationRequest(JsonObject Envelope, string? CommandId = null);
