using ActorTrust.Core.Hashing;
using ActorTrust.Core.Sessions;
using Microsoft.Extensions.Configuration;

namespace ActorTrust.Node.Sessions;

/// <summary>One claims profile: the policy posture in force and, optionally, the runtime identities allowed.</summary>
/// <param name="Posture">none, best_effort or required.</param>
/// <param name="AllowedRuntimeIdentities">Runtime identity digests allowed (empty: any).</param>
public sealed record ClaimsProfile(PolicyPosture Posture, IReadOnlyList<Digest> AllowedRuntimeIdentities);

/// <summary>Session admission settings (bound from <c>actortrust.sessions</c>).</summary>
public sealed record SessionOptions
{
    /// <summary>The audience session claims must name to be accepted by this node.</summary>
    public string Audience { get; init; } = "actortrust";

    /// <summary>The profile used when a request names none.</summary>
    public string DefaultProfile { get; init; } = "default";

    /// <summary>Claims profiles by id.</summary>
    public IReadOnlyDictionary<string, ClaimsProfile> Profiles { get; init; } =
        new Dictionary<string, ClaimsProfile>(StringComparer.Ordinal) { ["default"] = new(PolicyPosture.BestEffort, []) };

    // A digest of the profile's allowed runtime identities; anything else stops start-up naming the setting.
    private static Digest RuntimeIdentity(string profile, IConfigurationSection entry)
    {
        try
        {
            return Digest.Parse(entry.Value ?? string.Empty);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"actortrust.sessions.claims-profiles.{profile}.allowed-runtime-identities[{entry.Key}] must be a digest (sha256:<64 lowercase hex>): {e.Message}", e);
        }
    }

    public static SessionOptions Bind(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var profiles = new Dictionary<string, ClaimsProfile>(StringComparer.Ordinal);
        foreach (var profile in section.GetSection("claims-profiles").GetChildren())
        {
            var posture = profile.GetValue<string>("posture") ?? "best_effort";
            profiles[profile.Key] = new ClaimsProfile(
                posture switch
                {
                    "none" => PolicyPosture.None,
                    "best_effort" => PolicyPosture.BestEffort,
                    "required" => PolicyPosture.Required,
                    _ => throw new ArgumentException($"actortrust.sessions.claims-profiles.{profile.Key}.posture must be none, best_effort or required, got '{posture}'"),
                },
                [.. profile.GetSection("allowed-runtime-identities").GetChildren().Select(c => RuntimeIdentity(profile.Key, c))]);
        }

        var options = new SessionOptions
        {
            Audience = section.GetValue<string>("audience") ?? "actortrust",
            DefaultProfile = section.GetValue<string>("default-profile") ?? "default",
            Profiles = profiles.Count == 0 ? new SessionOptions().Profiles : profiles,
        };
        if (!options.Profiles.ContainsKey(options.DefaultProfile))
        {
            throw new ArgumentException($"actortrust.sessions.default-profile '{options.DefaultProfile}' is not one of the claims-profiles");
        }

        return options;
    }
}
