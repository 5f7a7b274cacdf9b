using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using ActorTrust.Node.Security;

namespace ActorTrust.Cli.Commands;

/// <summary>
/// <c>actortrust token create|revoke|list</c>: bearer tokens in the node's tokens file (digests only). The secret is
/// printed once by <c>create</c>; a running node re-reads the file on the next request, so revocation is immediate.
/// </summary>
internal static class TokenCommand
{
    public static Command Create(CliContext context) => new("token", "Issue, revoke and list API bearer tokens")
    {
        CreateToken(context),
        Revoke(context),
        List(context),
    };

    private static Option<string> FileOption() => new("--file", "-f")
    {
        Description = "The tokens file (actortrust.security.tokens-file; default ./data/tokens.json)",
        DefaultValueFactory = _ => Path.Combine("data", "tokens.json"),
    };

    private static Command CreateToken(CliContext context)
    {
        var fileOption = FileOption();
        var principalOption = new Option<string>("--principal") { Description = "Who presents the token", Required = true };
        var roleOption = new Option<string>("--role") { Description = "API role: reader, operator or admin", Required = true };
        roleOption.AcceptOnlyFromAmong("reader", "operator", "admin");
        var expiresOption = new Option<string?>("--expires") { Description = "Lifetime (30d, 12h, 90m) or an ISO-8601 instant; default: never" };
        var command = new Command("create", "Issue a token; the secret is shown once and only its digest is stored") { fileOption, principalOption, roleOption, expiresOption };
        command.SetAction(async (parse, _) =>
        {
            var now = context.Time.GetUtcNow();
            var expires = parse.GetValue(expiresOption) is { } text ? ParseExpiry(text, now) : (DateTimeOffset?)null;
            var (token, secret) = TokenFile.Create(parse.GetRequiredValue(fileOption), parse.GetRequiredValue(principalOption),
                ApiRoles.Parse(parse.GetRequiredValue(roleOption)), now, expires);
            var json = new JsonObject
            {
                ["id"] = token.Id,
                ["principal"] = token.Principal,
                ["role"] = token.Role,
                ["expires_at"] = token.ExpiresAt?.ToString("O"),
                ["token"] = secret,
            };
            await context.WriteAsync(parse, json,
                $"token {token.Id} for {token.Principal} ({token.Role}), expires {token.ExpiresAt?.ToString("O") ?? "never"}",
                "secret (shown once, store it now):",
                secret);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var fileOption = FileOption();
        var idArgument = new Argument<string>("id") { Description = "A token id (tok_…) or a principal (revokes all its tokens)" };
        var command = new Command("revoke", "Revoke a token (or every token of a principal) at once") { fileOption, idArgument };
        command.SetAction(async (parse, _) =>
        {
            var id = parse.GetRequiredValue(idArgument);
            var count = TokenFile.Revoke(parse.GetRequiredValue(fileOption), id, context.Time.GetUtcNow());
            if (count == 0)
            {
                return await context.FailAsync(ExitCodes.BadInput, $"no active token matches '{id}'");
            }

            await context.WriteAsync(parse, new JsonObject { ["revoked"] = count }, $"revoked {count} token(s) matching {id}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var fileOption = FileOption();
        var command = new Command("list", "List tokens (ids, principals, roles, expiry; never secrets)") { fileOption };
        command.SetAction(async (parse, _) =>
        {
            var tokens = TokenFile.Read(parse.GetRequiredValue(fileOption));
            var json = new JsonObject
            {
                ["tokens"] = new JsonArray([.. tokens.Select(t => (JsonNode)new JsonObject
                {
                    ["id"] = t.Id,
                    ["principal"] = t.Principal,
                    ["role"] = t.Role,
                    ["expires_at"] = t.ExpiresAt?.ToString("O"),
                    ["revoked_at"] = t.RevokedAt?.ToString("O"),
                })]),
            };
            await context.WriteAsync(parse, json, tokens.Select(t =>
                $"{t.Id}  {t.Principal}  {t.Role}  expires {t.ExpiresAt?.ToString("O") ?? "never"}{(t.RevokedAt is null ? string.Empty : "  REVOKED")}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static DateTimeOffset ParseExpiry(string text, DateTimeOffset now)
    {
        if (text.Length > 1 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (text[^1])
            {
                case 'd': return now.AddDays(amount);
                case 'h': return now.AddHours(amount);
                case 'm': return now.AddMinutes(amount);
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw new FormatException($"--expires '{text}' is not a lifetime (30d, 12h, 90m) or an ISO-8601 instant");
    }
}
