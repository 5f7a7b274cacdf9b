using System.CommandLine;
using System.Text.Json.Nodes;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;
using ActorTrust.Core.Receipts;
using ActorTrust.Node.Hosting;
using ActorTrust.Runtime.Audit;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Cli.Commands.Verify;

/// <summary>
/// <c>actortrust verify receipt|certification</c>: checks a receipt or certification statement with no node, against
/// the domain's authority manifest history — an authority history file, or read from a journal export.
/// </summary>
internal static class CertificationVerifyCommands
{
    private const int MaxDocumentBytes = 2 * 1024 * 1024;

    public static Command Receipt(CliContext context) => Create(context, "receipt", "Verify an execution receipt offline (exit 0 certified or informational, 3 refused)",
        (document, history, pin) =>
        {
            var result = CertificationVerifier.VerifyReceipt(document, history, pin);
            var verdict = result.IsAccepted ? $"{(result.IsCertified ? "CERTIFIED" : "INFORMATIONAL")} {result.ReceiptDigest}" : $"REFUSED {result.Code}";
            return (result.IsAccepted, verdict, result.Detail, result.SignerKeyId, result.AuthorityVersion);
        });

    public static Command Certification(CliContext context) => Create(context, "certification", "Verify a certification statement offline (exit 0 valid, 3 refused)",
        (document, history, pin) =>
        {
            var result = CertificationVerifier.VerifyCertification(document, history, pin);
            return (result.IsValid, result.IsValid ? $"VERIFIED {result.StatementDigest}" : $"REFUSED {result.Code}", result.Detail, result.SignerKeyId, result.AuthorityVersion);
        });

    private static Command Create(CliContext context, string name, string description,
        Func<string, AuthorityHistory, Digest?, (bool Ok, string Verdict, string Detail, Digest? Signer, long? Version)> verify)
    {
        var fileArgument = new Argument<string>(name) { Description = $"The {name} (DSSE JSON; a receipt may be unsigned JSON)" };
        var historyOption = new Option<string?>("--history") { Description = "An authority history file (JSON: domain_id, manifests[position, accepted_at, envelope], journal_length)" };
        var journalOption = new Option<string?>("--journal") { Description = "A journal export (audit export) to read the domain's authority history from" };
        var domainOption = new Option<string?>("--domain") { Description = "With --journal: the trust domain" };
        var pinOption = new Option<string?>("--pin") { Description = "A trusted authority manifest digest (default: trust the history's version 1)" };
        var command = new Command(name, description) { fileArgument, historyOption, journalOption, domainOption, pinOption };
        command.SetAction(async (parse, ct) =>
        {
            var document = System.Text.Encoding.UTF8.GetString(await CliFiles.ReadBoundedAsync(parse.GetRequiredValue(fileArgument), MaxDocumentBytes, ct));
            var history = await HistoryAsync(parse.GetValue(historyOption), parse.GetValue(journalOption), parse.GetValue(domainOption), ct);
            var pin = parse.GetValue(pinOption) is { } p ? CliValues.Digest("--pin", p) : (Digest?)null;
            var (ok, verdict, detail, signer, version) = verify(document, history, pin);
            var json = new JsonObject
            {
                ["verified"] = ok,
                ["verdict"] = verdict,
                ["detail"] = detail,
                ["signer_key_id"] = signer?.ToString(),
                ["authority_version"] = version,
            };
            await context.WriteAsync(parse, json, $"{verdict}: {detail}");
            return ok ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }

    private static async Task<AuthorityHistory> HistoryAsync(string? historyFile, string? journal, string? domain, CancellationToken ct)
    {
        if (historyFile is not null)
        {
            return ActorTrustJson.Read<AuthorityHistory>(await CliFiles.ReadBoundedAsync(historyFile, 64 * 1024 * 1024, ct));
        }

        if (journal is null || domain is null)
        {
            throw new FormatException("give --history, or --journal with --domain");
        }

        await using var input = File.OpenRead(journal);
        var export = await AuditExport.ReadAsync(input, ct);
        var pid = PersistenceIds.For(EntityKinds.Domain.Name, domain);
        return AuthorityHistory.FromJournal(domain, export.Records.Where(r => r.PersistenceId == pid).OrderBy(r => r.SeqNr)
            .Select(r => (r.SeqNr, (DomainEvent)EntityKinds.Domain.Events.Deserialize(r.EventType, r.Payload))));
    }
}
