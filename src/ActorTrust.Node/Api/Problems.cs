using Microsoft.AspNetCore.Http;

namespace ActorTrust.Node.Api;

/// <summary>problem+json answers with a stable <c>code</c> member that clients match on.</summary>
internal static class Problems
{
    public static IResult Of(int status, string code, string detail) => Results.Problem(
        statusCode: status,
        title: code,
        detail: detail,
        type: $"https://actortrust.dev/problems/{code}",
        extensions: new Dictionary<string, object?> { ["code"] = code });

    public static IResult BadRequest(string code, string detail) => Of(StatusCodes.Status400BadRequest, code, detail);

    public static IResult NotFound(string code, string detail) => Of(StatusCodes.Status404NotFound, code, detail);

    public static IResult Conflict(string code, string detail) => Of(StatusCodes.Status409Conflict, code, detail);

    public static IResult Overloaded(string detail) => Of(StatusCodes.Status503ServiceUnavailable, "Overloaded", detail);
}
