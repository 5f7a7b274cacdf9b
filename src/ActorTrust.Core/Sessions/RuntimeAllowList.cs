using System.Text.Json.Nodes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Sessions;

/// <summary>The runtime identity allow-list of a claims profile, as admission records it.</summary>
public static class RuntimeAllowList
{
    /// <summary>
    /// <c>SHA-256("actortrust/runtime-allow-list/v1\n" ‖ JCS(sorted, de-duplicated digest strings))</c>: the same
    /// list in any order has the same digest.
    /// </summary>
    public static Digest DigestOf(IEnumerable<Digest> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var list = new JsonArray([.. allowed.Distinct().Order().Select(d => JsonValue.Create(d.ToString()))]);
        return DomainHash.Compute("runtime-allow-list", CanonicalJson.Serialize(list));
    }
}
