using System.Text.Json.Serialization;

namespace ActorTrust.Core.Sessions;

/// <summary>Where the node took a session's authenticated subject from.</summary>
public enum SubjectSource
{
    /// <summary>The peer's X.509 SVID on the authenticated connection (<c>svid</c>).</summary>
    [JsonStringEnumMemberName("svid")]
    Svid = 1,

    /// <summary>The node's configuration names the subject (<c>config</c>).</summary>
    [JsonStringEnumMemberName("config")]
    Config = 2,

    /// <summary>Taken from the manifest itself; only allowed when the node runs in dev mode (<c>manifest-dev</c>).</summary>
    [JsonStringEnumMemberName("manifest-dev")]
    ManifestDev = 3,
}
