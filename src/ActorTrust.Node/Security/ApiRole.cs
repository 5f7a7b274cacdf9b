namespace ActorTrust.Node.Security;

/// <summary>
/// What a client principal may do on the API. Each role includes the ones below it: an operator may also read,
/// an admin may also send commands. Domain-level authority (signatures, manifest roles) is checked separately.
/// </summary>
public enum ApiRole
{
    /// <summary>No role: only the anonymous operational routes (<c>/healthz</c>, <c>/readyz</c>).</summary>
    None = 0,

    /// <summary>Queries and the event feed.</summary>
    Reader = 1,

    /// <summary>Commands on domains, agents, sessions and lineages, and the federation peer protocol.</summary>
    Operator = 2,

    /// <summary>Cluster and federation administration.</summary>
    Admin = 3,
}

/// <summary>Parsing and printing of <see cref="ApiRole"/> as the lower-case words used in files and certificates.</summary>
public static class ApiRoles
{
    /// <summary>The word for <paramref name="role"/>: <c>reader</c>, <c>operator</c> or <c>admin</c>.</summary>
    public static string Name(ApiRole role) => role switch
    {
        ApiRole.Reader => "reader",
        ApiRole.Operator => "operator",
        ApiRole.Admin => "admin",
        _ => "none",
    };

    /// <summary>Parses <c>reader</c>, <c>operator</c> or <c>admin</c>; false on anything else.</summary>
    public static bool TryParse(string? text, out ApiRole role)
    {
        role = text switch
        {
            "reader" => ApiRole.Reader,
            "operator" => ApiRole.Operator,
            "admin" => ApiRole.Admin,
            _ => ApiRole.None,
        };
        return role != ApiRole.None;
    }

    /// <summary>Parses a role or throws a <see cref="FormatException"/> naming the allowed words.</summary>
    public static ApiRole Parse(string? text) =>
        TryParse(text, out var role) ? role : throw new FormatException($"role '{text}' is not one of reader, operator, admin");
}
