using ActorTrust.Core.Federation.Contracts;
using ActorTrust.Node.Api;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorTrust.Node.Federation;

/// <summary>
/// <c>/v1/contracts</c>: the federation contract registry. Publishing and deprecating need an operator key holding
/// <c>federator</c> in our home domain, proven by a request authorization signed by it (<see cref="FederationActors"/>):
/// target <c>contract</c>, id the version as decimal text, action <c>publish</c> or <c>deprecate</c>.
/// </summary>
internal static class ContractEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/contracts", async (HttpRequest request, NodeRuntime runtime, NodeSettings settings, NodeMetrics metrics, CancellationToken ct) =>
        {
            var (body, raw) = await SignedRequests.ReadAsync<PublishContractRequest>(request, ct);
            var actor = await FederationActors.OperatorAsync(request.HttpContext, runtime, settings.Federation, raw,
                FederationActors.ContractTarget(body.Version, "publish"), body.OperatorKeyId, ct);
            var result = await runtime.Contracts.SendAsync(ContractRegistry.IdOf(body.Version), RequestBodies.CommandIdOr(body.CommandId),
                new PublishContract(body.Text, actor, body.ExpectedDigest), ct);
            return CommandResults.From(result, "contract", metrics, ContractView.Of);
        });

        app.MapPost("/v1/contracts/{v}/deprecate", async (string v, HttpRequest request, NodeRuntime runtime, NodeSettings settings, NodeMetrics metrics, CancellationToken ct) =>
        {
            var version = Version(v);
            var (body, raw) = await SignedRequests.ReadAsync<OperatorReasonRequest>(request, ct);
            var actor = await FederationActors.OperatorAsync(request.HttpContext, runtime, settings.Federation, raw,
                FederationActors.ContractTarget(version, "deprecate"), body.OperatorKeyId, ct);
            var result = await runtime.Contracts.SendAsync(ContractRegistry.IdOf(version), RequestBodies.CommandIdOr(body.CommandId),
                new DeprecateContract(body.Reason, actor), ct);
            return CommandResults.From(result, "contract", metrics, ContractView.Of);
        });

        app.MapGet("/v1/contracts/latest", async (NodeRuntime runtime, CancellationToken ct) =>
        {
            var latest = ContractRegistry.Latest(await PublishedAsync(runtime, ct));
            return latest is null ? Problems.NotFound("ContractNotFound", "no contract version is published and not deprecated")
                : Results.Json(await runtime.Contracts.QueryAsync(ContractRegistry.IdOf(latest.Version), ContractView.Of, ct));
        });

        app.MapGet("/v1/contracts/{v}", async (string v, NodeRuntime runtime, CancellationToken ct) =>
        {
            var version = Version(v);
            var view = await runtime.Contracts.QueryAsync(ContractRegistry.IdOf(version),
                (state, entityVersion) => state.Status == ContractStatus.Unpublished ? null : ContractView.Of(state, entityVersion), ct);
            return view is null ? Problems.NotFound("ContractNotFound", $"contract version {version} is not published") : Results.Json(view);
        });
    }

    /// <summary>The contract of <paramref name="version"/> as the peer decider needs it.</summary>
    public static Task<ContractSnapshot> SnapshotAsync(NodeRuntime runtime, int version, CancellationToken ct) =>
        runtime.Contracts.QueryAsync(ContractRegistry.IdOf(version), (state, entityVersion) => ContractSnapshot.Of(version, state, entityVersion), ct);

    // Versions are published 1, 2, 3, …: scan upwards until the first unpublished one.
    private static async Task<List<ContractSnapshot>> PublishedAsync(NodeRuntime runtime, CancellationToken ct)
    {
        var found = new List<ContractSnapshot>();
        for (var version = 1; ; version++)
        {
            var snapshot = await SnapshotAsync(runtime, version, ct);
            if (snapshot.Status == ContractStatus.Unpublished)
            {
                return found;
            }

            found.Add(snapshot);
        }
    }

    private static int Version(string text) =>
        ContractRegistry.TryParseVersion(text, out var version) ? version : throw new FormatException($"contract version '{text}' is not a positive integer");
}

/// <summary>The JSON shape of a contract for API answers.</summary>
internal static class ContractView
{
    public static object Of(ContractState state, long entityVersion) => new
    {
        entity_version = entityVersion,
        status = state.Status.ToString().ToLowerInvariant(),
        version = state.Publication?.Version,
        digest = state.Digest?.ToString(),
        text = state.Publication?.Text,
        effective_at = state.Publication?.EffectiveAt,
        deprecated_at = state.Deprecation?.DeprecatedAt,
        deprecation_reason = state.Deprecation?.Reason,
    };
}
