using ActorTrust.Core.Entities;
using ActorTrust.Node.Metrics;
using ActorTrust.Runtime.Entities;
using Microsoft.AspNetCore.Http;

namespace ActorTrust.Node.Api;

/// <summary>Turns a command outcome into an HTTP answer: the view on success, problem+json with the reason code otherwise.</summary>
internal static class CommandResults
{
    public static IResult From<TState>(CommandResult<TState> result, string kind, NodeMetrics metrics, Func<TState, long, object> view)
        where TState : class
    {
        metrics.Commands.Add(1, new("kind", kind), new("status", result.Status.ToString().ToLowerInvariant()));
        if (result.EventTypes.Count > 0)
        {
            metrics.EventsAppended.Add(result.EventTypes.Count, new KeyValuePair<string, object?>("kind", kind));
        }

        return result.Status switch
        {
            CommandStatus.Overloaded => Problems.Overloaded($"the {kind} entity's mailbox is full; retry with the same command_id"),
            CommandStatus.Rejected => Refusal(result.Rejection!, result.Duplicate),
            _ => Results.Json(new { accepted = true, duplicate = result.Duplicate, version = result.Version, events = result.EventTypes, state = view(result.State!, result.Version) }),
        };
    }

    private static IResult Refusal(Rejection rejection, bool duplicate)
    {
        var status = rejection.Code.EndsWith("NotFound", StringComparison.Ordinal) ? StatusCodes.Status404NotFound
            : rejection.Code.EndsWith("Exists", StringComparison.Ordinal) || rejection.Code.StartsWith("Already", StringComparison.Ordinal) ? StatusCodes.Status409Conflict
            : StatusCodes.Status422UnprocessableEntity;
        return Results.Problem(statusCode: status, title: rejection.Code, detail: rejection.Message,
            type: $"https://actortrust.dev/problems/{rejection.Code}",
            extensions: new Dictionary<string, object?> { ["code"] = rejection.Code, ["duplicate"] = duplicate });
    }
}
