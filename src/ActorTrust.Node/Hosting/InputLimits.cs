using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;
using ActorTrust.Hocon;
using Microsoft.Extensions.Configuration;

namespace ActorTrust.Node.Hosting;

/// <summary>
/// Bounds on untrusted input (<c>actortrust.limits</c>), applied by the client API before anything reaches an entity.
/// Every bound names its setting when it refuses a request (problem code <c>LimitExceeded</c>, member <c>limit</c>).
/// </summary>
public sealed record InputLimits
{
    /// <summary>The ceiling for JSON nesting (the strict reader's own maximum).</summary>
    public const int MaxSupportedDepth = CanonicalJsonReaderOptions.MaxSupportedDepth;

    /// <summary>Deepest nesting of a request body (<c>actortrust.limits.json.max-depth</c>).</summary>
    public int JsonMaxDepth { get; init; } = 64;

    /// <summary>Largest JSON request body, in bytes (<c>actortrust.limits.json.max-bytes</c>).</summary>
    public int JsonMaxBytes { get; init; } = 1024 * 1024;

    /// <summary>Most elements of one array or members of one object (<c>actortrust.limits.json.max-items</c>).</summary>
    public int JsonMaxItems { get; init; } = 10_000;

    /// <summary>The envelope bounds (<c>actortrust.limits.envelope.*</c>); each at most the built-in <see cref="EnvelopeLimits.Default"/>.</summary>
    public EnvelopeLimits Envelope { get; init; } = EnvelopeLimits.Default;

    /// <summary>Longest entity id taken from a URL (agents, sessions, lineages, peers, grants, migrations), in characters.</summary>
    public int MaxEntityIdLength { get; init; } = 2048;

    /// <summary>Longest <c>command_id</c>, in characters (<c>actortrust.limits.ids.max-command-id-length</c>).</summary>
    public int MaxCommandIdLength { get; init; } = 128;

    /// <summary>Longest reason, description or message in a request body, in characters (<c>actortrust.limits.text.max-reason-length</c>).</summary>
    public int MaxReasonLength { get; init; } = 1024;

    /// <summary>
    /// Longest name-like text in a request body (operator names and key ids, contact, jurisdiction, versions, remote
    /// subject, tool and data class, transport node, relay and session tags), in characters (<c>actortrust.limits.text.max-name-length</c>).
    /// </summary>
    public int MaxNameLength { get; init; } = 256;

    /// <summary>Longest other string anywhere in a request body outside a signed envelope (ids, endpoints, keys), in characters (<c>actortrust.limits.text.max-string-length</c>).</summary>
    public int MaxStringLength { get; init; } = 2048;

    /// <summary>Largest federation contract text, in UTF-8 bytes (<c>actortrust.limits.text.max-contract-text-bytes</c>).</summary>
    public int MaxContractTextBytes { get; init; } = 256 * 1024;

    /// <summary>Largest operator configuration file, in bytes (<c>actortrust.limits.hocon.max-file-bytes</c>).</summary>
    public long HoconMaxFileBytes { get; init; } = 1024 * 1024;

    /// <summary>The strict-reader options for request bodies.</summary>
    public CanonicalJsonReaderOptions JsonReader => new() { MaxDepth = JsonMaxDepth, MaxBytes = JsonMaxBytes, MaxItems = JsonMaxItems };

    /// <summary>Reads <c>actortrust.limits</c>; missing settings keep their defaults.</summary>
    public static InputLimits Bind(IConfigurationSection section)
    {
        var defaults = new InputLimits();
        return new InputLimits
        {
            JsonMaxDepth = section.GetValue("json:max-depth", defaults.JsonMaxDepth),
            JsonMaxBytes = (int)Math.Min(int.MaxValue, Size(section, "json:max-bytes", defaults.JsonMaxBytes)),
            JsonMaxItems = section.GetValue("json:max-items", defaults.JsonMaxItems),
            Envelope = new EnvelopeLimits
            {
                MaxEnvelopeBytes = (int)Math.Min(int.MaxValue, Size(section, "envelope:max-envelope-bytes", EnvelopeLimits.Default.MaxEnvelopeBytes)),
                MaxPayloadBytes = (int)Math.Min(int.MaxValue, Size(section, "envelope:max-payload-bytes", EnvelopeLimits.Default.MaxPayloadBytes)),
                MaxSignatures = section.GetValue("envelope:max-signatures", EnvelopeLimits.Default.MaxSignatures),
                MaxPayloadTypeBytes = section.GetValue("envelope:max-payload-type-bytes", EnvelopeLimits.Default.MaxPayloadTypeBytes),
            },
            MaxEntityIdLength = section.GetValue("ids:max-entity-id-length", defaults.MaxEntityIdLength),
            MaxCommandIdLength = section.GetValue("ids:max-command-id-length", defaults.MaxCommandIdLength),
            HoconMaxFileBytes = Size(section, "hocon:max-file-bytes", defaults.HoconMaxFileBytes),
            MaxReasonLength = section.GetValue("text:max-reason-length", defaults.MaxReasonLength),
            MaxNameLength = section.GetValue("text:max-name-length", defaults.MaxNameLength),
            MaxStringLength = section.GetValue("text:max-string-length", defaults.MaxStringLength),
            MaxContractTextBytes = (int)Math.Min(int.MaxValue, Size(section, "text:max-contract-text-bytes", defaults.MaxContractTextBytes)),
        };
    }

    /// <summary>Throws when a bound is out of range, naming the setting.</summary>
    public void Validate()
    {
        Range("json.max-depth", JsonMaxDepth, 2, MaxSupportedDepth);
        Range("json.max-bytes", JsonMaxBytes, 1024, 64L * 1024 * 1024);
        Range("json.max-items", JsonMaxItems, 16, 1_000_000);
        // The verifiers inside the entities apply the built-in bounds; configuration may only tighten them.
        Range("envelope.max-envelope-bytes", Envelope.MaxEnvelopeBytes, 1024, EnvelopeLimits.Default.MaxEnvelopeBytes);
        Range("envelope.max-payload-bytes", Envelope.MaxPayloadBytes, 256, EnvelopeLimits.Default.MaxPayloadBytes);
        Range("envelope.max-signatures", Envelope.MaxSignatures, 1, EnvelopeLimits.Default.MaxSignatures);
        Range("envelope.max-payload-type-bytes", Envelope.MaxPayloadTypeBytes, 16, EnvelopeLimits.Default.MaxPayloadTypeBytes);
        Range("ids.max-entity-id-length", MaxEntityIdLength, 16, 2048);
        Range("ids.max-command-id-length", MaxCommandIdLength, 16, 1024);
        Range("hocon.max-file-bytes", HoconMaxFileBytes, 1024, 4L * 1024 * 1024);
        // The deciders' own ceilings (reasons 1024, names 256, endpoints and SPIFFE ids 2048, contract text 256 KiB):
        // configuration may only tighten them, so a refusal past the bound is always this API's, never a journaled one.
        Range("text.max-reason-length", MaxReasonLength, 16, 1024);
        Range("text.max-name-length", MaxNameLength, 16, 256);
        Range("text.max-string-length", MaxStringLength, 64, 2048);
        Range("text.max-contract-text-bytes", MaxContractTextBytes, 1024, 256 * 1024);
    }

    private static void Range(string setting, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            throw new ArgumentException($"actortrust.limits.{setting} must be between {min} and {max}, got {value}");
        }
    }

    private static long Size(IConfigurationSection section, string key, long fallback)
    {
        var text = section[key];
        return text is null ? fallback
            : HoconValues.TryParseSize(text, out var bytes) ? bytes
            : throw new ArgumentException($"actortrust.limits.{key.Replace(':', '.')} must be a size (e.g. 1 MiB), got '{text}'");
    }
}
