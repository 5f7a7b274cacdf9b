using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorTrust.Runtime.Cluster.Transport;

/// <summary>
/// The node-to-node HTTP/2 endpoints, as minimal-API routes a node mounts on its cluster listener:
/// <c>POST /rt/v1/deliver</c> runs a batch of envelopes and <c>POST /rt/v1/probe</c> answers a liveness probe with
/// this process's identity. The probe does no entity work, so it is not queued behind commands (engines.md §1.9:
/// a saturated data path must not make a node look dead).
/// </summary>
public static class ClusterEndpoints
{
    /// <summary>The delivery route.</summary>
    public const string DeliverPath = "/rt/v1/deliver";

    /// <summary>The probe route.</summary>
    public const string ProbePath = "/rt/v1/probe";

    /// <summary>Maps both routes onto <paramref name="endpoints"/>; <paramref name="peers"/> decides who may call them (everyone when null).</summary>
    public static IEndpointRouteBuilder MapClusterTransport(this IEndpointRouteBuilder endpoints, DeliveryReceiver receiver, TransportLimits limits, IClusterPeerAuthenticator? peers = null)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        return endpoints.MapClusterTransport(() => receiver, limits, peers);
    }

    /// <summary>
    /// Maps both routes, asking <paramref name="receiver"/> for the receiver on each request (for a node whose id, and
    /// so receiver, exists only once its listener has bound a port). <paramref name="peers"/> decides who may call them
    /// (everyone when null: insecure loopback mode).
    /// </summary>
    public static IEndpointRouteBuilder MapClusterTransport(this IEndpointRouteBuilder endpoints, Func<DeliveryReceiver> receiver, TransportLimits limits, IClusterPeerAuthenticator? peers = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        peers ??= AllowAllClusterPeers.Instance;
        endpoints.MapPost(DeliverPath, (HttpContext context) => DeliverAsync(context, receiver(), limits, peers));
        endpoints.MapPost(ProbePath, (HttpContext context) => ProbeAsync(context, receiver(), peers));
        return endpoints;
    }

    private static async Task DeliverAsync(HttpContext context, DeliveryReceiver receiver, TransportLimits limits, IClusterPeerAuthenticator peers)
    {
        if (await peers.RefuseCallerAsync(context, context.RequestAborted) is { } refused)
        {
            await PlainAsync(context, StatusCodes.Status401Unauthorized, refused);
            return;
        }

        var body = await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, limits.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await PlainAsync(context, StatusCodes.Status413PayloadTooLarge, $"batch is over the {limits.MaxBodyBytes}-byte limit");
            return;
        }

        DeliveryBatch batch;
        try
        {
            batch = DeliveryWire.DecodeBatch(body, limits);
        }
        catch (FormatException ex)
        {
            await PlainAsync(context, StatusCodes.Status400BadRequest, ex.Message);
            return;
        }

        // Every envelope must come from the node the caller authenticated as; one that does not refuses the whole batch.
        foreach (var envelope in batch.Envelopes)
        {
            if (peers.RefuseSender(context, envelope.FromNode) is { } forbidden)
            {
                await PlainAsync(context, StatusCodes.Status403Forbidden, forbidden);
                return;
            }
        }

        var reply = await receiver.ReceiveAsync(batch, context.RequestAborted);
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(DeliveryWire.EncodeReply(reply), context.RequestAborted);
    }

    private static async Task ProbeAsync(HttpContext context, DeliveryReceiver receiver, IClusterPeerAuthenticator peers)
    {
        if (await peers.RefuseCallerAsync(context, context.RequestAborted) is { } refused)
        {
            await PlainAsync(context, StatusCodes.Status401Unauthorized, refused);
            return;
        }

        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new ProbeAnswer(receiver.Self.ToString()), ProbeAnswer.Options, context.RequestAborted);
    }

    private static async Task PlainAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, context.RequestAborted);
    }
}

/// <summary>The probe's answer: who answered, with incarnation.</summary>
/// <param name="Node">The answering node, <c>host:port:incarnation</c>.</param>
public sealed record ProbeAnswer(string Node)
{
    internal static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };
}
