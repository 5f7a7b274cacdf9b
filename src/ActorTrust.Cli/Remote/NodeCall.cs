using System.CommandLine;
using ActorTrust.Client;

namespace ActorTrust.Cli.Remote;

/// <summary>
/// Runs one conversation with a node and turns infrastructure failures into one-line causes: an unreachable
/// node and an error answer exit 1, an entity the node does not know exits 3 like any refusal.
/// </summary>
internal static class NodeCall
{
    // A command line should fail fast when the node is down; retries reuse the command id, so they are safe.
    private static readonly ActorTrustClientOptions Retries = new()
    {
        MaxAttempts = 3,
        InitialBackoff = TimeSpan.FromMilliseconds(100),
        MaxBackoff = TimeSpan.FromMilliseconds(500),
    };

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(
        CliContext context, ParseResult parse, Option<string> nodeOption, Func<ActorTrustClient, Task<int>> call, CancellationToken cancellationToken)
    {
        var node = NodeEndpoint.Parse(parse.GetRequiredValue(nodeOption));
        using var http = NodeCredentials.From(parse).CreateHttpClient(node, RequestTimeout);
        try
        {
            return await call(new ActorTrustClient(http, Retries));
        }
        catch (HttpRequestException ex)
        {
            return await context.FailAsync(ExitCodes.BadInput, $"cannot reach node at {node}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return await context.FailAsync(ExitCodes.BadInput, $"cannot reach node at {node}: no answer within {RequestTimeout.TotalSeconds:0}s");
        }
        catch (ActorTrustApiException ex) when (ex.Status is 401 or 403 && ex.Code.StartsWith("Authorization", StringComparison.Ordinal))
        {
            // A signed request the node refused (Authorization<Rejection>): the key or signature, not the connection's credentials.
            return await CommandOutput.RefusedAsync(context, parse, ex.Code, ex.Detail, ex.Status);
        }
        catch (ActorTrustApiException ex) when (ex.Status is 401 or 403)
        {
            return await context.FailAsync(ExitCodes.BadInput, $"node at {node} refused the credentials ({ex.Status} {ex.Code}): {ex.Detail}. Give --token or --cert/--key (and --ca)");
        }
        catch (ActorTrustApiException ex) when (ex.Status == 404)
        {
            return await CommandOutput.RefusedAsync(context, parse, ex.Code, ex.Detail, ex.Status);
        }
        catch (ActorTrustApiException ex)
        {
            return await context.FailAsync(ExitCodes.BadInput, $"node at {node} answered {ex.Status} {ex.Code}: {ex.Detail}");
        }
    }
}
