using System.CommandLine;
using System.Text.Json.Nodes;
using ActorTrust.Cli.Commands.Manifests;
using ActorTrust.Core.Identity;
using ActorTrust.Core.TrustRecords;
using ActorTrust.Runtime.Audit;

namespace ActorTrust.Cli.Commands.Verify;

/// <summary>
/// <c>actortrust verify trust-record</c> (receipts and certifications: <see cref="CertificationVerifyCommands"/>): checks a Trust Record with no node — the node's signature, the agent
/// manifest binding re-run against the domain's signed authority (Option B cross-check), the policy and
/// catalog hashes and, with a journal export, the session's chain head and length.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context) => new("verify", "Offline verification (no node needed)")
    {
        TrustRecord(context),
        CertificationVerifyCommands.Receipt(context),
        CertificationVerifyCommands.Certification(context),
    };

    private static Command TrustRecord(CliContext context)
    {
        var recordArgument = new Argument<string>("record") { Description = "The Trust Record envelope (DSSE JSON)" };
        var manifestOption = new Option<string>("--manifest") { Description = "The agent's manifest envelope", Required = true };
        var anchorsOption = new Option<string[]>("--anchors") { Description = "The issuer domain's signed authority manifest(s), oldest first", Required = true, AllowMultipleArgumentsPerToken = true };
        var nodeKeyOption = new Option<string[]>("--node-key") { Description = "Trusted node key(s): key file, public key file or hex", Required = true, AllowMultipleArgumentsPerToken = true };
        var journalOption = new Option<string?>("--journal") { Description = "A journal export (audit export) to check the session's chain head and length" };
        var command = new Command("trust-record", "Verify a Trust Record offline") { recordArgument, manifestOption, anchorsOption, nodeKeyOption, journalOption };
        command.SetAction(async (parse, ct) =>
        {
            var record = await File.ReadAllTextAsync(parse.GetRequiredValue(recordArgument), ct);
            var manifest = await File.ReadAllTextAsync(parse.GetRequiredValue(manifestOption), ct);
            var (authority, refusal) = await AuthorityChain.ReadAsync(parse.GetRequiredValue(anchorsOption), ct);
            var keys = parse.GetRequiredValue(nodeKeyOption).Select(k => TrustedKeys.Load(k).PublicKey).ToList();
            var journal = parse.GetValue(journalOption) is { } path ? await SessionLinksAsync(path, record, ct) : null;

            var result = TrustRecordVerifier.Verify(record, keys, manifest, authority, journal);
            var lines = result.Checks.Select(c => $"{(c.Status == CheckStatus.Verified ? "verified" : c.Status == CheckStatus.Failed ? "FAILED  " : "skipped ")}  {c.Name}: {c.Detail}").ToList();
            if (refusal is not null)
            {
                lines.Insert(0, $"anchors: {refusal}");
            }

            lines.Add(result.IsVerified ? "VERIFIED" : $"FAILED: {result.PrimaryError}");
            var json = new JsonObject
            {
                ["verified"] = result.IsVerified,
                ["primary_error"] = result.PrimaryError,
                ["checks"] = new JsonArray([.. result.Checks.Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = c.Name,
                    ["status"] = c.Status.ToString().ToLowerInvariant(),
                    ["detail"] = c.Detail,
                    ["error"] = c.Error,
                })]),
            };
            await context.WriteAsync(parse, json, lines);
            return result.IsVerified ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }

    // The session's links from the export; which session comes from the (not yet verified) record itself —
    // the verifier then checks head and length against the signed record.
    private static async Task<IReadOnlyList<JournalLink>> SessionLinksAsync(string path, string recordEnvelope, CancellationToken ct)
    {
        await using var input = File.OpenRead(path);
        var export = await AuditExport.ReadAsync(input, ct);
        var payload = Core.Envelopes.EnvelopeJson.Parse(System.Text.Encoding.UTF8.GetBytes(recordEnvelope)).Payload;
        var sessionId = Core.Json.CanonicalJson.Parse(payload)?["session_id"]?.GetValue<string>()
            ?? throw new FormatException("the Trust Record has no session_id");
        var pid = SessionJournal.PersistenceId(SpiffeId.Parse(sessionId));
        return [.. export.Records.Where(r => r.PersistenceId == pid).OrderBy(r => r.SeqNr).Select(r => new JournalLink(r.SeqNr, r.PrevHash, r.Hash))];
    }
}
