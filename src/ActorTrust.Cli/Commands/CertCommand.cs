using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using ActorTrust.Node.Security;

namespace ActorTrust.Cli.Commands;

/// <summary>
/// <c>actortrust cert create-ca|create-node|create-client</c>: the cluster certificate authority (ECDSA P-256, PEM).
/// Each writes <c>cert.pem</c> and <c>key.pem</c> (mode 0600) into <c>--out</c>; issued certificates also get <c>ca.pem</c>.
/// </summary>
internal static class CertCommand
{
    public static Command Create(CliContext context) => new("cert", "Create the cluster CA and node and client certificates")
    {
        CreateCa(context),
        CreateNode(context),
        CreateClient(context),
    };

    private static Command CreateCa(CliContext context)
    {
        var outOption = OutOption();
        var nameOption = new Option<string>("--name") { Description = "The CA's common name", DefaultValueFactory = _ => "ActorTrust cluster CA" };
        var daysOption = DaysOption(3650);
        var command = new Command("create-ca", "Create a new cluster CA (keep its key offline)") { outOption, nameOption, daysOption };
        command.SetAction(async (parse, _) =>
        {
            var dir = parse.GetRequiredValue(outOption);
            using var ca = ClusterCa.CreateCa(parse.GetRequiredValue(nameOption), context.Time.GetUtcNow(), Days(parse.GetValue(daysOption)));
            ClusterCa.Write(dir, ca);
            return await WrittenAsync(context, parse, dir, ca);
        });
        return command;
    }

    private static Command CreateNode(CliContext context)
    {
        var caOption = CaOption();
        var outOption = OutOption();
        var nodeIdOption = new Option<string>("--node-id")
        {
            Description = "The node's identity, host:port (or host) as it appears in membership; peers may send only as it",
            Required = true,
        };
        var hostOption = new Option<string[]>("--host") { Description = "DNS name(s) the node is reached at", AllowMultipleArgumentsPerToken = true };
        var ipOption = new Option<string[]>("--ip") { Description = "IP address(es) the node is reached at", AllowMultipleArgumentsPerToken = true };
        var daysOption = DaysOption(365);
        var command = new Command("create-node", "Issue a node certificate (TLS server and node-to-node client)") { caOption, outOption, nodeIdOption, hostOption, ipOption, daysOption };
        command.SetAction(async (parse, _) =>
        {
            var dir = parse.GetRequiredValue(outOption);
            using var ca = ClusterCa.Read(parse.GetRequiredValue(caOption));
            var ips = parse.GetValue(ipOption) ?? [];
            if (ips.FirstOrDefault(ip => !System.Net.IPAddress.TryParse(ip, out var _)) is { } bad)
            {
                return await context.FailAsync(ExitCodes.BadInput, $"--ip '{bad}' is not an IP address");
            }

            using var node = ClusterCa.CreateNode(ca, parse.GetRequiredValue(nodeIdOption), [.. parse.GetValue(hostOption) ?? [], .. ips],
                context.Time.GetUtcNow(), Days(parse.GetValue(daysOption)));
            ClusterCa.Write(dir, node, ca);
            return await WrittenAsync(context, parse, dir, node);
        });
        return command;
    }

    private static Command CreateClient(CliContext context)
    {
        var caOption = CaOption();
        var outOption = OutOption();
        var principalOption = new Option<string>("--principal") { Description = "Who the certificate identifies", Required = true };
        var roleOption = new Option<string>("--role") { Description = "API role: reader, operator or admin", Required = true };
        roleOption.AcceptOnlyFromAmong("reader", "operator", "admin");
        var daysOption = DaysOption(90);
        var command = new Command("create-client", "Issue a client certificate for a principal with an API role") { caOption, outOption, principalOption, roleOption, daysOption };
        command.SetAction(async (parse, _) =>
        {
            var dir = parse.GetRequiredValue(outOption);
            using var ca = ClusterCa.Read(parse.GetRequiredValue(caOption));
            using var client = ClusterCa.CreateClient(ca, parse.GetRequiredValue(principalOption), ApiRoles.Parse(parse.GetRequiredValue(roleOption)),
                context.Time.GetUtcNow(), Days(parse.GetValue(daysOption)));
            ClusterCa.Write(dir, client, ca);
            return await WrittenAsync(context, parse, dir, client);
        });
        return command;
    }

    private static Option<string> OutOption() => new("--out", "-o") { Description = "Directory to write cert.pem and key.pem (0600) into", Required = true };

    private static Option<string> CaOption() => new("--ca") { Description = "Directory of the CA (cert.pem, key.pem)", Required = true };

    private static Option<int> DaysOption(int days) => new("--days") { Description = $"Validity in days (default {days})", DefaultValueFactory = _ => days };

    private static TimeSpan Days(int days) => days is > 0 and <= 36500 ? TimeSpan.FromDays(days) : throw new ArgumentException("--days must be between 1 and 36500");

    private static async Task<int> WrittenAsync(CliContext context, ParseResult parse, string dir, X509Certificate2 certificate)
    {
        var identity = PeerIdentity.Of(certificate);
        var json = new JsonObject
        {
            ["dir"] = dir,
            ["subject"] = certificate.Subject,
            ["not_after"] = certificate.NotAfter.ToUniversalTime().ToString("O"),
            ["node_id"] = identity.NodeId,
            ["principal"] = identity.Principal,
            ["role"] = identity.Principal is null ? null : ApiRoles.Name(identity.Role),
        };
        await context.WriteAsync(parse, json,
            $"wrote {Path.Combine(dir, ClusterCa.CertFile)} and {Path.Combine(dir, ClusterCa.KeyFile)} (mode 0600)",
            $"subject:   {certificate.Subject}",
            $"expires:   {certificate.NotAfter.ToUniversalTime():O}");
        return ExitCodes.Ok;
    }
}
