using ActorTrust.Core.Federation;
using Microsoft.Extensions.Configuration;

namespace ActorTrust.Node.Federation;

/// <summary>Federation settings of a node (bound from <c>actortrust.federation</c>); see <c>hocon/reference.conf</c>.</summary>
public sealed class FederationOptions
{
    /// <summary>Our trust domain: operator keys must hold <c>federator</c> in its current authority manifest.</summary>
    public string HomeDomain { get; init; } = "";

    /// <summary>Our platform's semantic version, for the N-1 compatibility check.</summary>
    public string PlatformVersion { get; init; } = "0.1.0";

    /// <summary>Our declared jurisdiction.</summary>
    public string Jurisdiction { get; init; } = "unspecified";

    /// <summary>Most handshakes a peer may make per window.</summary>
    public int HandshakesPerWindow { get; init; } = 5;

    /// <summary>The handshake rate-limit window.</summary>
    public TimeSpan HandshakeWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Hard-norm findings within <see cref="FindingWindow"/> that suspend a peer.</summary>
    public int HardFindingsToSuspend { get; init; } = 3;

    /// <summary>The auto-suspension window.</summary>
    public TimeSpan FindingWindow { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How often the liveness timer checks peers for stale heartbeats.</summary>
    public TimeSpan LivenessCheckInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The policy passed to peer commands.</summary>
    public FederationPolicy Policy => new(PlatformVersion, Jurisdiction, HandshakesPerWindow, (long)HandshakeWindow.TotalSeconds,
        HardFindingsToSuspend, (long)FindingWindow.TotalSeconds);

    /// <summary>Reads <c>actortrust.federation</c>.</summary>
    public static FederationOptions Bind(IConfigurationSection section) => new()
    {
        HomeDomain = section.GetValue<string>("home-domain") ?? "",
        PlatformVersion = section.GetValue<string>("platform-version") ?? "0.1.0",
        Jurisdiction = section.GetValue<string>("jurisdiction") ?? "unspecified",
        HandshakesPerWindow = section.GetValue("handshake-rate-limit:max-handshakes", 5),
        HandshakeWindow = section.GetValue("handshake-rate-limit:window", TimeSpan.FromHours(1)),
        HardFindingsToSuspend = section.GetValue("auto-suspend:hard-findings", 3),
        FindingWindow = section.GetValue("auto-suspend:window", TimeSpan.FromDays(1)),
        LivenessCheckInterval = section.GetValue("liveness-check-interval", TimeSpan.FromMinutes(1)),
    };

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (Policy.Validate() is { } problem)
        {
            throw new ArgumentException($"actortrust.federation: {problem}");
        }

        if (LivenessCheckInterval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("actortrust.federation.liveness-check-interval must be at least 1s");
        }
    }
}
