using System.CommandLine;
using System.Text.Json.Nodes;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;
using ActorTrust.Core.Keys;
using ActorTrust.Runtime.Keys;

namespace ActorTrust.Cli.Commands;

/// <summary><c>actortrust envelope sign|verify</c>: DSSE v1 envelopes over JSON payloads.</summary>
internal static class EnvelopeCommand
{
    public static Command Create(CliContext context) => new("envelope", "Sign and verify DSSE envelopes")
    {
        Sign(context),
        Verify(context),
    };

    private static Command Sign(CliContext context)
    {
        var keyOption = new Option<string[]>("--key", "-k") { Description = "Key file(s) to sign with", Required = true, AllowMultipleArgumentsPerToken = true };
        var typeOption = new Option<string>("--type", "-t") { Description = "Payload type: a short name (agent-manifest, ...) or the full media type", Required = true };
        var inOption = new Option<string>("--in", "-i") { Description = "The JSON payload file", Required = true };
        var outOption = new Option<string?>("--out", "-o") { Description = "Envelope file to write (default: standard output)" };
        var command = new Command("sign", "Sign a JSON payload into a DSSE envelope") { keyOption, typeOption, inOption, outOption };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var payloadType = PayloadTypes.Resolve(parse.GetRequiredValue(typeOption));
            var payload = await CliFiles.ReadBoundedAsync(parse.GetRequiredValue(inOption), EnvelopeLimits.Default.MaxPayloadBytes, cancellationToken);
            CanonicalJson.Parse(payload); // a +json payload must be strict JSON; refuse to sign anything else

            var keyFiles = parse.GetRequiredValue(keyOption).Select(KeyFileIo.Read).ToList();
            try
            {
                var signers = keyFiles.Select(k => (IEnvelopeSigner)new Ed25519EnvelopeSigner(k.KeyPair)).ToArray();
                var envelope = EnvelopeJson.Serialize(Envelope.Sign(payloadType, payload, signers));
                var outPath = parse.GetValue(outOption);
                if (outPath is null)
                {
                    await context.Output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(envelope));
                    return ExitCodes.Ok;
                }

                await File.WriteAllBytesAsync(outPath, envelope, cancellationToken);
                var json = new JsonObject { ["file"] = outPath, ["payload_type"] = payloadType, ["key_ids"] = KeyIds(keyFiles) };
                await context.WriteAsync(parse, json, $"signed {outPath} as {payloadType} with {keyFiles.Count} key(s)");
                return ExitCodes.Ok;
            }
            finally
            {
                keyFiles.ForEach(k => k.Dispose());
            }
        });
        return command;
    }

    private static Command Verify(CliContext context)
    {
        var inOption = new Option<string>("--in", "-i") { Description = "The envelope file", Required = true };
        var trustOption = new Option<string[]>("--trust") { Description = "Trusted key: key file, public key file, or 64 hex characters", Required = true, AllowMultipleArgumentsPerToken = true };
        var thresholdOption = new Option<int>("--threshold") { Description = "Distinct trusted keys that must have signed", DefaultValueFactory = _ => 1 };
        var typeOption = new Option<string[]>("--type", "-t") { Description = "Accepted payload type(s) (default: every ActorTrust type)", AllowMultipleArgumentsPerToken = true };
        var payloadOutOption = new Option<string?>("--payload-out") { Description = "Write the verified payload bytes here" };
        var command = new Command("verify", "Verify a DSSE envelope against trusted keys and a threshold")
        {
            inOption, trustOption, thresholdOption, typeOption, payloadOutOption,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var bytes = await CliFiles.ReadBoundedAsync(parse.GetRequiredValue(inOption), EnvelopeLimits.Default.MaxEnvelopeBytes, cancellationToken);
            var envelope = EnvelopeJson.Parse(bytes);
            var types = parse.GetValue(typeOption) is { Length: > 0 } given ? given.Select(PayloadTypes.Resolve) : PayloadTypes.ByShortName.Values;
            var keys = parse.GetRequiredValue(trustOption).Select(t => TrustedKeys.Load(t).PublicKey);
            var verdict = EnvelopeVerifier.Verify(envelope, new TrustPolicy(keys, parse.GetValue(thresholdOption), types));

            var json = new JsonObject
            {
                ["verified"] = verdict.IsVerified,
                ["payload_type"] = verdict.PayloadType,
                ["verified_key_ids"] = new JsonArray([.. verdict.VerifiedKeyIds.Select(k => (JsonNode)k)]),
                ["rejection"] = verdict.Rejection?.ToString(),
                ["reason"] = verdict.Reason,
            };
            if (!verdict.IsVerified)
            {
                await context.WriteAsync(parse, json, $"REFUSED: {verdict.Rejection}: {verdict.Reason}");
                return ExitCodes.Refused;
            }

            if (parse.GetValue(payloadOutOption) is { } payloadOut)
            {
                await File.WriteAllBytesAsync(payloadOut, verdict.Payload, cancellationToken);
            }

            await context.WriteAsync(parse, json,
                $"VERIFIED: {verdict.PayloadType}",
                $"signed by: {string.Join(", ", verdict.VerifiedKeyIds)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static JsonArray KeyIds(IEnumerable<KeyFile> keyFiles) =>
        new([.. keyFiles.Select(k => (JsonNode)k.KeyId.ToString())]);
}
