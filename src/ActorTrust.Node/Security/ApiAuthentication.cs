using ActorTrust.Node.Api;
using ActorTrust.Runtime.Cluster.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorTrust.Node.Security;

/// <summary>
/// Authenticates and authorises each client-API request after routing: a client certificate that chains to the
/// cluster CA, or <c>Authorization: Bearer &lt;token&gt;</c>; then the route's role (<see cref="EndpointRoles"/>).
/// Refusals are problem+json (401 <c>Unauthenticated</c>, 403 <c>Forbidden</c>) and happen before the endpoint runs,
/// so nothing is written. Cluster routes (<c>/rt/v1/*</c>) are left to the transport's peer authenticator.
/// </summary>
internal sealed class ApiAuthentication(SecurityOptions options, TokenStore tokens, CertificateValidator? certificates, SecurityLog log)
{
    /// <summary>Where the authenticated principal is kept for the request (rate limiting partitions on it).</summary>
    public const string PrincipalItem = "actortrust.principal";

    private static readonly AuthenticatedPrincipal Insecure = new("insecure", ApiRole.Admin, "insecure");

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var endpoint = context.GetEndpoint() as RouteEndpoint;
        if (endpoint is null || context.Request.Path.StartsWithSegments("/rt"))
        {
            await next(context);
            return;
        }

        var required = EndpointRoles.For(context.Request.Method, endpoint.RoutePattern.RawText ?? string.Empty);
        if (options.Insecure)
        {
            context.Items[PrincipalItem] = Insecure;
            await next(context);
            return;
        }

        var (principal, refusal, code) = await AuthenticateAsync(context);
        if (principal is null)
        {
            if (required == ApiRole.None)
            {
                await next(context);
                return;
            }

            log.Failed("api", context.Connection.RemoteIpAddress?.ToString(), refusal!, code!);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Problems.Of(StatusCodes.Status401Unauthorized, "Unauthenticated", refusal!).ExecuteAsync(context);
            return;
        }

        if (principal.Role < required)
        {
            log.Forbidden("api", context.Connection.RemoteIpAddress?.ToString(), principal.Name, principal.Role, required);
            await Problems.Of(StatusCodes.Status403Forbidden, "Forbidden",
                $"principal '{principal.Name}' has role {ApiRoles.Name(principal.Role)}; {context.Request.Method} {endpoint.RoutePattern.RawText} needs {ApiRoles.Name(required)}").ExecuteAsync(context);
            return;
        }

        context.Items[PrincipalItem] = principal;
        await next(context);
    }

    private async Task<(AuthenticatedPrincipal? Principal, string? Refusal, string? Code)> AuthenticateAsync(HttpContext context)
    {
        var certificate = context.Connection.ClientCertificate ?? await context.Connection.GetClientCertificateAsync(context.RequestAborted);
        if (certificate is not null && certificates is not null)
        {
            if (certificates.Check(certificate) is { } problem)
            {
                return (null, $"client certificate '{certificate.Subject}' refused: {problem}", problem.Contains("expired", StringComparison.Ordinal) ? "certificate_expired" : "certificate_invalid");
            }

            var identity = PeerIdentity.Of(certificate);
            if (identity.Principal is not null && identity.Role != ApiRole.None)
            {
                return (new AuthenticatedPrincipal(identity.Principal, identity.Role, "certificate"), null, null);
            }

            // A node certificate (or one without a role) is not a client credential; a bearer token may still follow.
        }

        string? header = context.Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return (null, "credentials required: a client certificate from the cluster CA or Authorization: Bearer <token>", "missing");
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return (null, "the Authorization header must be 'Bearer <token>'", "malformed");
        }

        try
        {
            var (principal, refusal) = tokens.Authenticate(header[7..].Trim());
            return principal is not null
                ? (principal, null, null)
                : (null, refusal, refusal!.Contains("revoked", StringComparison.Ordinal) ? "token_revoked" : refusal.Contains("expired", StringComparison.Ordinal) ? "token_expired" : "token_unknown");
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or InvalidDataException or FormatException or UnauthorizedAccessException)
        {
            // Fail closed: a tokens file that cannot be read authenticates nobody.
            return (null, "the node cannot read its tokens file", "tokens_unreadable");
        }
    }
}
