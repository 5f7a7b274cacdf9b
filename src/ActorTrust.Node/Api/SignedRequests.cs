using System.Text.Json.Nodes;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;
using ActorTrust.Core.Requests;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ActorTrust.Node.Api;

/// <summary>A signed request whose authorization did not verify: answered 401 (403 for a key without the role) and nothing is sent.</summary>
internal sealed class RequestAuthorizationException(RequestAuthorizationVerdict verdict) : Exception(verdict.Reason)
{
    public RequestAuthorizationRejection Rejection { get; } = verdict.Rejection ?? RequestAuthorizationRejection.Malformed;

    /// <summary>The problem code: <c>Authorization</c> + the rejection (<c>AuthorizationExpired</c>, …).</summary>
    public string Code => "Authorization" + Rejection;

    public int Status => Rejection == RequestAuthorizationRejection.RoleMissing ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
}

/// <summary>
/// Requests that a key must prove (see <see cref="RequestAuthorizations"/>): a federation operator's request names
/// <c>operator_key_id</c>, a peer's names <c>key_id</c>, a lineage executor's names <c>executor</c>; each carries an
/// <c>authorization</c> member signed by that key. The endpoint reads the body with <see cref="ReadAsync{T}"/>, looks
/// the named key up where the entity rules say it lives (our domain's manifest, the peer's proposal, the agent's domain
/// roster) and calls <see cref="Require"/> before it builds the command. Refusals are counted and logged like every
/// other authentication failure.
/// </summary>
internal static class SignedRequests
{
    /// <summary>Reads a body strictly under the input limits: the typed body (without <c>authorization</c>) and the raw object the signature covers.</summary>
    public static async Task<(T Body, JsonObject Raw)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (await BodyLimits.ReadAsync(request, cancellationToken) is not JsonObject raw)
        {
            throw new FormatException("the request body must be a JSON object");
        }

        var typed = new JsonObject();
        foreach (var (name, value) in raw)
        {
            if (!string.Equals(name, RequestAuthorizations.Member, StringComparison.Ordinal))
            {
                typed[name] = value?.DeepClone();
            }
        }

        return (ActorTrustJson.Read<T>(typed), raw);
    }

    /// <summary>
    /// Throws <see cref="RequestAuthorizationException"/> unless <paramref name="raw"/> was signed for <paramref name="target"/>
    /// by <paramref name="key"/> (null: the node knows no key <paramref name="keyId"/>) within the node's freshness window.
    /// </summary>
    public static RequestAuthorization Require(HttpContext http, JsonObject raw, RequestTarget target, Digest keyId, Ed25519PublicKey? key)
    {
        var services = http.RequestServices;
        var freshness = services.GetRequiredService<NodeSettings>().Security.RequestFreshness;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var verdict = RequestAuthorizations.Verify(raw, target, keyId, key, now, freshness);
        return verdict.Statement ?? throw Refused(http, verdict);
    }

    /// <summary>Throws the refusal for a key that is known but lacks the role the command needs.</summary>
    public static Exception RoleMissing(HttpContext http, Digest keyId, string role) =>
        Refused(http, RequestAuthorizationVerdict.Refused(RequestAuthorizationRejection.RoleMissing, $"key {keyId} does not hold '{role}'"));

    private static RequestAuthorizationException Refused(HttpContext http, RequestAuthorizationVerdict verdict)
    {
        var log = http.RequestServices.GetService<SecurityLog>();
        log?.Failed("request-authorization", http.Connection.RemoteIpAddress?.ToString(), verdict.Reason ?? "refused", "Authorization" + verdict.Rejection);
        return new RequestAuthorizationException(verdict);
    }
}
