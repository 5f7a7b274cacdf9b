using System.Net;
using System.Text.Json;
using ActorTrust.Node.Security;

namespace ActorTrust.Node.Tests.Security;

/// <summary>The per-principal rate limit.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task A_principal_over_its_limit_gets_429_with_retry_after_while_others_are_served()
    {
        await using var node = await SecureNode.StartAsync(new Dictionary<string, string?>
        {
            ["actortrust:security:rate-limit:permits"] = "2",
            ["actortrust:security:rate-limit:window"] = "1h",
        });
        using var busy = node.Http(node.Token("busy", ApiRole.Reader));
        using var quiet = node.Http(node.Token("quiet", ApiRole.Reader));

        (await busy.GetAsync(new Uri("v1/events", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await busy.GetAsync(new Uri("v1/events", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var limited = await busy.GetAsync(new Uri("v1/events", UriKind.Relative));
        using var other = await quiet.GetAsync(new Uri("v1/events", UriKind.Relative));

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        limited.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var body = JsonDocument.Parse(await limited.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("code").GetString().ShouldBe("RateLimited");
        other.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
