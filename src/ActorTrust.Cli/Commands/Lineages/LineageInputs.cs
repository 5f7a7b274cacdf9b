using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Runtime.Keys;

namespace ActorTrust.Cli.Commands.Lineages;

/// <summary>The arguments and options the <c>lineage</c> commands share, and how their values are read.</summary>
internal static class LineageInputs
{
    public static Argument<string> Agent() => new("agent") { Description = "The agent's SPIFFE ID (the lineage's id)" };

    public static Option<string> Executor(string description) => new("--executor", "-e") { Description = description + ": a key id (sha256:...), key file, public key file or hex", Required = true };

    public static Option<string> Epoch() => new("--epoch") { Description = "The epoch the executor holds, as major.generation (e.g. 1.0)", Required = true };

    /// <summary>The sending executor's key file: the command names its key id and is signed by it.</summary>
    public static Option<string> ExecutorKey(string description) =>
        new("--executor-key") { Description = description + ": its key file (the request names its key id and is signed by it)", Required = true };

    /// <summary>Reads the executor's key file, signs and sends with it, and wipes the key afterwards.</summary>
    public static async Task<Client.CommandOutcome> WithExecutorKeyAsync(string path, Func<IEnvelopeSigner, Task<Client.CommandOutcome>> send)
    {
        using var key = KeyFileIo.Read(path);
        return await send(new Ed25519EnvelopeSigner(key.KeyPair));
    }

    /// <summary>Checks the agent argument as a SPIFFE ID.</summary>
    public static string AgentId(string text) =>
        SpiffeId.TryParse(text, out var id, out var error) ? id.ToString() : throw new FormatException($"agent: {error}");

    /// <summary>An executor named by key id, or by a key it can be read from.</summary>
    public static Digest ExecutorId(string option, string text) =>
        text.StartsWith("sha256:", StringComparison.Ordinal) ? CliValues.Digest(option, text) : TrustedKeys.Load(text).PublicKey.KeyId;

    /// <summary>An epoch written <c>major.generation</c>.</summary>
    public static Core.Lineage.Epoch EpochOf(string option, string text)
    {
        var parts = text.Split('.');
        var epoch = parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            ? new Core.Lineage.Epoch(major, generation)
            : throw new FormatException($"{option}: '{text}' is not major.generation (e.g. 1.0)");
        return epoch.Validate() is { } error ? throw new FormatException($"{option}: {error}") : epoch;
    }

    /// <summary>The accepted lineage state in one line: status, epoch, owner and head.</summary>
    public static string Summary(JsonElement state)
    {
        var snapshot = state.GetProperty("snapshot");
        return $"lineage {Text(snapshot, "effective_status")} at epoch {EpochText(state.GetProperty("epoch"))}, owner {Text(snapshot, "owner")}, " +
            $"head {Text(state, "head")} ({state.GetProperty("chain_length").GetInt32()} checkpoints)";
    }

    public static string EpochText(JsonElement epoch) =>
        epoch.ValueKind == JsonValueKind.Object ? $"{epoch.GetProperty("major").GetInt64()}.{epoch.GetProperty("generation").GetInt64()}" : "-";

    public static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : "-";
}
