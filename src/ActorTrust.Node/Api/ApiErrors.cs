using System.Text.Json;
using ActorTrust.Runtime.Entities;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace ActorTrust.Node.Api;

/// <summary>Maps exceptions that escape an endpoint to problem+json answers; nothing leaks a stack trace.</summary>
internal static class ApiErrors
{
    public static async Task HandleAsync(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var result = error switch
        {
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                Problems.Of(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", "the request body is larger than actortrust.node.max-request-body"),
            BadHttpRequestException bad => Problems.Of(bad.StatusCode, "BadRequest", bad.Message),
            InputLimitException limit => InputErrors.LimitProblem(limit),
            RequestAuthorizationException refused => Problems.Of(refused.Status, refused.Code, refused.Message),
            JsonException or FormatException => Problems.BadRequest("MalformedRequest", error.Message),
            Federation.MigrationCallerException caller => Problems.Of(StatusCodes.Status403Forbidden, caller.Code, caller.Message),
            EntityOverloadedException => Problems.Overloaded(error.Message),
            ActorTrust.Runtime.Sharding.NotOwnerException or ActorTrust.Runtime.Cluster.Routing.ClusterRoutingTimeoutException =>
                Problems.Of(StatusCodes.Status503ServiceUnavailable, "ShardUnavailable", $"{error.Message}; retry with the same command id"),
            ActorTrust.Runtime.Cluster.Routing.ClusterDeliveryException =>
                Problems.Of(StatusCodes.Status503ServiceUnavailable, "ClusterDeliveryFailed", $"{error.Message}; retry with the same command id"),
            EntityStoppedException => Problems.Of(StatusCodes.Status503ServiceUnavailable, "EntityUnavailable", "the entity stopped; retry with the same command id"),
            _ => Problems.Of(StatusCodes.Status500InternalServerError, "InternalError", "an internal error occurred; see the node log"),
        };
        await result.ExecuteAsync(http);
    }
}
