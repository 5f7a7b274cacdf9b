using System.Text.Json;
using ActorTrust.Node.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ActorTrust.Node.Api;

/// <summary>
/// An endpoint filter that answers bad input with a 4xx problem (never a 5xx, never a logged stack trace):
/// malformed JSON, failed format checks and oversize bodies. Nothing has been written when these fire —
/// commands are parsed before they reach an entity.
/// </summary>
internal static class InputErrors
{
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            if (LongRouteValue(context.HttpContext) is { } tooLong)
            {
                throw tooLong;
            }

            return await next(context);
        }
        catch (Exception ex) when (ToProblem(ex) is { } problem)
        {
            context.HttpContext.RequestServices.GetRequiredService<NodeMetrics>().HttpProblems.Add(1);
            return problem;
        }
    }

    // Every id in a URL path (agent, session, lineage, peer, grant, migration ids) is bounded by one setting.
    private static InputLimitException? LongRouteValue(HttpContext http)
    {
        var max = http.RequestServices.GetRequiredService<Hosting.InputLimits>().MaxEntityIdLength;
        foreach (var (name, value) in http.Request.RouteValues)
        {
            if (value is string raw && raw.Length > max && Uri.UnescapeDataString(raw).Length > max)
            {
                return new InputLimitException("actortrust.limits.ids.max-entity-id-length", $"the {name} in the URL is longer than {max} characters");
            }
        }

        return null;
    }

    internal static IResult LimitProblem(InputLimitException limit) => Results.Problem(
        statusCode: limit.Status,
        title: "LimitExceeded",
        detail: limit.Message,
        type: "https://actortrust.dev/problems/LimitExceeded",
        extensions: new Dictionary<string, object?> { ["code"] = "LimitExceeded", ["limit"] = limit.Setting });

    private static IResult? ToProblem(Exception ex) => ex switch
    {
        InputLimitException limit => LimitProblem(limit),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            Problems.Of(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", "the request body is larger than actortrust.node.max-request-body"),
        BadHttpRequestException bad => Problems.Of(bad.StatusCode, "BadRequest", bad.Message),
        FormatException or JsonException => Problems.BadRequest("MalformedRequest", ex.Message),
        _ => null,
    };
}
