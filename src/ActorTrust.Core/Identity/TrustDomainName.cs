namespace ActorTrust.Core.Identity;

/// <summary>
/// A bare trust domain name (<c>factory.example</c>), checked with the same grammar as the trust domain
/// of a <see cref="SpiffeId"/>: lowercase <c>[a-z0-9._-]</c>, 1 to 255 bytes, nothing else.
/// </summary>
public static class TrustDomainName
{
    /// <summary>Returns null when <paramref name="name"/> is a valid trust domain name, else the rule it breaks.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "trust domain name is empty";
        }

        if (!SpiffeId.TryParse(SpiffeId.SchemePrefix + name, out var id, out var error))
        {
            return error;
        }

        return id.Path.Length == 0
            ? null
            : $"'{name}' is not a bare trust domain name (it has a path)";
    }

    /// <summary>True when <paramref name="name"/> is a valid trust domain name.</summary>
    public static bool IsValid(string? name) => Validate(name) is null;
}
