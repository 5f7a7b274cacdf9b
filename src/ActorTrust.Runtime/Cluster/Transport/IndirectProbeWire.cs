using System.Globalization;
using System.Text.Json;

namespace ActorTrust.Runtime.Cluster.Transport;

/// <summary>The body of <c>POST /rt/v1/probe-via</c>: probe <paramref name="Target"/> for me within <paramref name="TimeoutMs"/>.</summary>
/// <param name="Target">The member to probe, <c>host:port:incarnation</c>.</param>
/// <param name="TimeoutMs">How long the intermediary may wait for the target, in milliseconds (1..60000; it caps this at its own probe timeout).</param>
public sealed record IndirectProbeRequest(string Target, int TimeoutMs)
{
    /// <summary>The largest request body an intermediary reads.</summary>
    public const int MaxBytes = 4096;

    /// <summary>The longest timeout a request may ask for.</summary>
    public const int MaxTimeoutMs = 60_000;

    /// <summary>The request for <paramref name="target"/> within <paramref name="timeout"/> (rounded up to whole milliseconds, within the bounds).</summary>
    public static IndirectProbeRequest For(NodeId target, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new(target.ToString(), (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 1, MaxTimeoutMs));
    }

    /// <summary>Reads a request body: null and the target and timeout when valid, else why not (nothing else is set).</summary>
    public static string? Parse(byte[] body, out NodeId? target, out TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(body);
        target = null;
        timeout = TimeSpan.Zero;
        IndirectProbeRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<IndirectProbeRequest>(body, ProbeAnswer.Options);
        }
        catch (JsonException ex)
        {
            return $"malformed indirect probe request: {ex.Message}";
        }

        if (request is null)
        {
            return "malformed indirect probe request: expected an object with target and timeout_ms";
        }

        if (!NodeId.TryParse(request.Target, out var node))
        {
            return "target must be host:port:incarnation";
        }

        if (request.TimeoutMs is < 1 or > MaxTimeoutMs)
        {
            return string.Create(CultureInfo.InvariantCulture, $"timeout_ms must be between 1 and {MaxTimeoutMs}, got {request.TimeoutMs}");
        }

        target = node;
        timeout = TimeSpan.FromMilliseconds(request.TimeoutMs);
        return null;
    }
}

/// <summary>The answer of <c>POST /rt/v1/probe-via</c>.</summary>
/// <param name="Target">The member probed, <c>host:port:incarnation</c>.</param>
/// <param name="Reached">Whether it answered the intermediary as that exact incarnation.</param>
public sealed record IndirectProbeAnswer(string Target, bool Reached);
