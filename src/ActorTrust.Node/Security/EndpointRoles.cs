namespace ActorTrust.Node.Security;

/// <summary>
/// The role each API route needs, by HTTP method and route pattern. Every route the node maps is listed here (a test
/// checks it); a route missing from the table needs <see cref="ApiRole.Admin"/>, so a forgotten one fails closed.
/// <list type="bullet">
/// <item>Anonymous: <c>/healthz</c>, <c>/readyz</c> (load balancers and orchestrators).</item>
/// <item>Reader: every query (<c>GET /v1/…</c>), the feed and <c>/metrics</c>.</item>
/// <item>Operator: commands on domains, agents and sessions, the lineage commands that keep an agent running (grant,
/// executor commands, checkpoints — an executor's are additionally signed by its key), journal checkpoints, and the calls a federation
/// peer makes on its own behalf (accept, enroll, rehandshake, heartbeat, liveness, exercising a grant, and revoke or
/// compromise, which either side may send) — those are additionally authorised by the federation actor's key.</item>
/// <item>Admin: federation administration — proposing, suspending and reinstating peers, contracts, grants, migrations;
/// and the lineage safety decisions: recovering a halted lineage (choosing which executor resumes after an ambiguity)
/// and retiring one (final).</item>
/// </list>
/// </summary>
public static class EndpointRoles
{
    private static readonly Dictionary<(string Method, string Pattern), ApiRole> Table = Build();

    /// <summary>Every classified route, for documentation and the coverage test.</summary>
    public static IReadOnlyDictionary<(string Method, string Pattern), ApiRole> All => Table;

    /// <summary>The role <paramref name="method"/> on <paramref name="pattern"/> needs (admin when unlisted).</summary>
    public static ApiRole For(string method, string pattern) =>
        Table.TryGetValue((method, Normalize(pattern)), out var role) ? role : ApiRole.Admin;

    /// <summary>True when the route is listed.</summary>
    public static bool IsClassified(string method, string pattern) => Table.ContainsKey((method, Normalize(pattern)));

    private static string Normalize(string pattern) => "/" + pattern.Trim('/');

    private static Dictionary<(string, string), ApiRole> Build()
    {
        var table = new Dictionary<(string, string), ApiRole>();
        void Add(ApiRole role, string method, params string[] patterns)
        {
            foreach (var pattern in patterns)
            {
                table.Add((method, Normalize(pattern)), role);
            }
        }

        Add(ApiRole.None, "GET", "/healthz", "/readyz");
        Add(ApiRole.Reader, "GET",
            "/metrics",
            "/v1/events", "/v1/entities/{kind}/{id}/events",
            "/v1/domains/{id}", "/v1/domains/{id}/authority-history", "/v1/domains/{id}/key-roles", "/v1/domains/{id}/receipts",
            "/v1/agents/{id}",
            "/v1/sessions", "/v1/sessions/{id}",
            "/v1/lineages/{agentId}", "/v1/lineages/{agentId}/chain",
            "/v1/contracts/latest", "/v1/contracts/{v}",
            "/v1/peers", "/v1/peers/{id}", "/v1/peers/{id}/audit", "/v1/peers/{id}/migrations", "/v1/peers/{id}/migrations/{mid}",
            "/v1/cluster/status");
        Add(ApiRole.Operator, "POST",
            "/v1/audit/checkpoints",
            "/v1/domains", "/v1/domains/{id}/rotate", "/v1/domains/{id}/receipts", "/v1/domains/{id}/certifications",
            "/v1/agents", "/v1/agents/{id}/rotate", "/v1/agents/{id}/revoke",
            "/v1/sessions", "/v1/sessions/{id}/tool-calls", "/v1/sessions/{id}/close",
            "/v1/peers/{id}/accept", "/v1/peers/{id}/enroll", "/v1/peers/{id}/rehandshake", "/v1/peers/{id}/heartbeat",
            "/v1/peers/{id}/liveness", "/v1/peers/{id}/grants/{grantId}/exercise",
            "/v1/peers/{id}/revoke", "/v1/peers/{id}/compromise");
        foreach (var action in new[] { "grant", "renew", "checkpoints", "handoff", "abort", "transfer-sent", "confirm", "side-effects" })
        {
            Add(ApiRole.Operator, "POST", $"/v1/lineages/{{agentId}}/{action}");
        }

        Add(ApiRole.Admin, "POST", "/v1/lineages/{agentId}/recover", "/v1/lineages/{agentId}/retire");
        Add(ApiRole.Admin, "POST",
            "/v1/contracts", "/v1/contracts/{v}/deprecate",
            "/v1/peers", "/v1/peers/{id}/suspend", "/v1/peers/{id}/reinstate",
            "/v1/peers/{id}/grants", "/v1/peers/{id}/grants/{grantId}/revoke",
            "/v1/peers/{id}/migrations", "/v1/peers/{id}/migrations/{mid}/validate", "/v1/peers/{id}/migrations/{mid}/apply",
            "/v1/peers/{id}/migrations/{mid}/cancel");
        return table;
    }
}
