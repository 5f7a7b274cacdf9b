using System.CommandLine;
using ActorTrust.Core.Federation.Grants;

namespace ActorTrust.Cli.Commands.Federation;

/// <summary><c>actortrust peer grant|revoke-grant</c>: grants issued to a peer; the bearer credential is shown once.</summary>
internal static class PeerGrantCommands
{
    public static Command Grant(CliContext context)
    {
        var peer = FederationCli.PeerArgument();
        var scopes = new Option<string[]>("--scope") { Description = "read, write, admin or migrate (repeatable)", Required = true, AllowMultipleArgumentsPerToken = true };
        var kind = new Option<string>("--kind") { Description = "The resource kind, or * for every kind", Required = true };
        var subject = new Option<string>("--subject") { Description = "The remote subject on the peer's side", Required = true };
        var ttl = new Option<string?>("--ttl") { Description = "Lifetime such as 30d (default 30d, at least 7d)" };
        var massScope = new Option<bool>("--mass-scope") { Description = "Approve a mass-scope grant (admin on every kind)" };
        var operatorKey = FederationCli.OperatorKeyOption();
        return FederationCli.Sending(context, "grant", "Issue a grant; the bearer credential is shown once", (parse, client, commandId, ct) =>
        {
            var request = new GrantRequest(
                [.. parse.GetRequiredValue(scopes).Select(Scope)], parse.GetRequiredValue(kind), parse.GetRequiredValue(subject),
                parse.GetValue(ttl) is { } text ? (long)CliValues.Duration("--ttl", text).TotalSeconds : null, null, parse.GetValue(massScope));
            return FederationCli.SignedAsync(parse.GetRequiredValue(operatorKey), signer => client.IssueGrantAsync(parse.GetRequiredValue(peer), request, signer, commandId, ct));
        }, peer, scopes, kind, subject, ttl, massScope, operatorKey);
    }

    public static Command RevokeGrant(CliContext context)
    {
        var peer = FederationCli.PeerArgument();
        var grant = new Argument<string>("grant") { Description = "The grant id" };
        var reason = FederationCli.ReasonOption();
        var operatorKey = FederationCli.OperatorKeyOption();
        return FederationCli.Sending(context, "revoke-grant", "Revoke a grant before its expiry",
            (parse, client, commandId, ct) => FederationCli.SignedAsync(parse.GetRequiredValue(operatorKey),
                signer => client.RevokeGrantAsync(parse.GetRequiredValue(peer), parse.GetRequiredValue(grant), parse.GetRequiredValue(reason), signer, commandId, ct)),
            peer, grant, reason, operatorKey);
    }

    private static GrantScope Scope(string text) =>
        Enum.TryParse<GrantScope>(text, ignoreCase: true, out var scope) && Enum.IsDefined(scope) && !text.Any(char.IsAsciiDigit)
            ? scope
            : throw new FormatException($"--scope: '{text}' is not a scope; use read, write, admin or migrate");
}
