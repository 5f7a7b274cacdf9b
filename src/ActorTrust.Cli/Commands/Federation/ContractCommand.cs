using System.CommandLine;
using System.Text;

namespace ActorTrust.Cli.Commands.Federation;

/// <summary><c>actortrust contract publish|deprecate|show|latest</c>: the federation contract registry.</summary>
internal static class ContractCommand
{
    private const int MaxTextBytes = 256 * 1024;

    public static Command Create(CliContext context) => new("contract", "Publish, deprecate and read federation contract versions")
    {
        Publish(context),
        Deprecate(context),
        Show(context),
        FederationCli.Showing(context, "latest", "Show the latest published, non-deprecated contract", "ContractNotFound",
            (_, client, ct) => client.GetLatestContractAsync(ct)),
    };

    private static Command Show(CliContext context)
    {
        var version = new Argument<int>("version") { Description = "The contract version (a positive integer)" };
        return FederationCli.Showing(context, "show", "Show one contract version (status, digest, text)", "ContractNotFound",
            (parse, client, ct) => client.GetContractAsync(parse.GetRequiredValue(version), ct), version);
    }

    private static Command Publish(CliContext context)
    {
        var version = new Argument<int>("version") { Description = "The contract version to publish (a positive integer)" };
        var textFile = new Option<string>("--text-file") { Description = "The file holding the contract text (UTF-8)", Required = true };
        var operatorKey = FederationCli.OperatorKeyOption();
        return FederationCli.Sending(context, "publish", "Publish a contract text; its SHA-256 digest is computed and stored", async (parse, client, commandId, ct) =>
        {
            var text = Encoding.UTF8.GetString(await CliFiles.ReadBoundedAsync(parse.GetRequiredValue(textFile), MaxTextBytes, ct));
            return await FederationCli.SignedAsync(parse.GetRequiredValue(operatorKey), signer => client.PublishContractAsync(parse.GetRequiredValue(version), text, signer, commandId, ct));
        }, version, textFile, operatorKey);
    }

    private static Command Deprecate(CliContext context)
    {
        var version = new Argument<int>("version") { Description = "The contract version to deprecate" };
        var reason = FederationCli.ReasonOption();
        var operatorKey = FederationCli.OperatorKeyOption();
        return FederationCli.Sending(context, "deprecate", "Make a version read-only for new federations (existing peerings keep it)",
            (parse, client, commandId, ct) => FederationCli.SignedAsync(parse.GetRequiredValue(operatorKey),
                signer => client.DeprecateContractAsync(parse.GetRequiredValue(version), parse.GetRequiredValue(reason), signer, commandId, ct)),
            version, reason, operatorKey);
    }
}
