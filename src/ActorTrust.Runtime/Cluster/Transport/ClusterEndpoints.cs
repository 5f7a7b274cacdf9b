using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorTrust.Runtime.Cluster.Transport;

/// <summary>
/// The node-to-node HTTP/2 endpoints, as minimal-API routes a node mounts on its cluster listener:
/// <c>POST /rt/v1/deliver</c> runs a batch of envelopes, <c>POST /rt/v1/probe</c> answers a liveness probe with
/// this process's identity, and <c>POST /rt/v1/probe-via</c> (when the node relays probes) probes a member on the
/// caller's behalf (an indirect probe, engines.md §5.1). Probes do no entity work, so they are not queued behind
/// commands (engines.md §1.9: a saturated data path must not make a node look dead). Every route authenticates its
/// caller with <c>peers</c>.
/// </summary>
public static class ClusterEndpoints
{
    /// <summary>The delivery route.</summary>
    public const string DeliverPath = "/rt/v1/deliver";

    /// <summary>The probe route.</summary>
    public const string ProbePath = "/rt/v1/probe";

    /// <summary>The indirect-probe route: probe a member for the caller.</summary>
    public const string ProbeViaPath = "/rt/v1/probe-via";

    /// <summary>
    /// Maps the routes onto <paramref name="endpoints"/>; <paramref name="peers"/> decides who may call them (everyone
    /// when null). The indirect-probe route is mapped only with a <paramref name="relay"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapClusterTransport(this IEndpointRouteBuilder endpoints, DeliveryReceiver receiver, TransportLimits limits,
        IClusterPeerAuthenticator? peers = null, ProbeRelay? relay = null)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        return endpoints.MapClusterTransport(() => receiver, limits, peers, relay is null ? null : () => relay);
    }

    /// <summary>
    /// Maps the routes, asking <paramref name="receiver"/> for the receiver (and <paramref name="relay"/> for the probe
    /// relay) on each request, for a node whose id exists only once its listener has bound a port. <paramref name="peers"/>
    /// decides who may call them (everyone when null: insecure loopback mode). The indirect-probe route is mapped only
    /// with a <paramref name="relay"/>; while it gives null the route answers 503.
    /// </summary>
    public static IEndpointRouteBuilder MapClusterTransport(this IEndpointRouteBuilder endpoints, Func<DeliveryReceiver> receiver, TransportLimits limits,
        IClusterPeerAuthenticator? peers = null, Func<ProbeRelay?>? relay = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        peers ??= AllowAllClusterPeers.Instance;
        endpoints.MapPost(DeliverPath, (HttpContext context) => DeliverAsync(context, receiver(), limits, peers));
        endpoints.MapPost(ProbePath, (HttpContext context) => ProbeAsync(context, receiver(), peers));
        if (relay is not null)
        {
            endpoints.MapPost(ProbeViaPath, (HttpContext context) => ProbeViaAsync(context, relay(), peers));
        }

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

    private static async Task ProbeViaAsync(HttpContext context, ProbeRelay? relay, IClusterPeerAuthenticator peers)
    {
        if (await peers.RefuseCallerAsync(context, context.RequestAborted) is { } refused)
        {
            await PlainAsync(context, StatusCodes.Status401Unauthorized, refused);
            return;
        }

        if (relay is null)
        {
            await PlainAsync(context, StatusCodes.Status503ServiceUnavailable, "this node relays no probes yet");
            return;
        }

        var body = await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, IndirectProbeRequest.MaxBytes, context.RequestAborted);
        if (body is null)
        {
            await PlainAsync(context, StatusCodes.Status413PayloadTooLarge, $"an indirect probe request is at most {IndirectProbeRequest.MaxBytes} bytes");
            return;
        }

        if (IndirectProbeRequest.Parse(body, out var target, out var timeout) is { } problem)
        {
            await PlainAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        bool reached;
        try
        {
            reached = await relay.ProbeAsync(target!, timeout, context.RequestAborted);
        }
        catch (ArgumentException) when (!relay.MayProbe(target!))
        {
            await PlainAsync(context, StatusCodes.Status422UnprocessableEntity, $"{target} is not a live member known to this node");
            return;
        }

        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new IndirectProbeAnswer(target!.ToString(), reached), ProbeAnswer.Options, context.RequestAborted);
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
