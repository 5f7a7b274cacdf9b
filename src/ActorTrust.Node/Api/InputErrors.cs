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
            return await next(context);
        }
        catch (Exception ex) when (ToProblem(ex) is { } problem)
        {
            context.HttpContext.RequestServices.GetRequiredService<NodeMetrics>().HttpProblems.Add(1);
            return problem;
        }
    }

    private static IResult? ToProblem(Exception ex) => ex switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            Problems.Of(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", "the request body is larger than actortrust.node.max-request-body"),
        BadHttpRequestException bad => Problems.Of(bad.StatusCode, "BadRequest", bad.Message),
        FormatException or JsonException => Problems.BadRequest("MalformedRequest", ex.Message),
        _ => null,
    };
}
