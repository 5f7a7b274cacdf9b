using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Requests;
using ActorTrust.Core.Tests.Fuzz;
using ActorTrust.TestKit.Trust;
using FsCheck;
using FsCheck.Fluent;
using static ActorTrust.Node.Tests.Limits.NodeProbe;

namespace ActorTrust.Node.Tests.Fuzz;

/// <summary>
/// Hostile HTTP against a real node: valid request bodies damaged by <see cref="Mutator"/> (and, for command
/// envelopes, damaged payloads signed again by the right keys), and damaged URLs and query strings. Every answer
/// must be below 500, and a refused request (4xx) must leave the journal exactly as it was. Fixed seeds;
/// <see cref="CasesPerTarget"/> scales the run.
/// </summary>
public sealed class HttpFuzzTests
{
    /// <summary>Cases per request kind; the fuzz suite as a whole must stay under two minutes in CI.</summary>
    public const int CasesPerTarget = 120;

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Damaged_domain_creation_is_answered_below_500_and_refusals_write_nothing()
    {
        await using var node = await StartedAsync();
        using var other = new TrustScenario("fuzz.example", seed: 7);
        var envelope = other.CreateDomainEnvelope();

        var failures = await FuzzBodyAsync(node, "v1/domains", Command(envelope), salt: 1);
        failures.AddRange(await FuzzPayloadAsync(node, "v1/domains", envelope, [TrustScenario.SignerOf(other.Root(0)), TrustScenario.SignerOf(other.Root(1))], salt: 2));

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Damaged_agent_registration_is_answered_below_500_and_refusals_write_nothing()
    {
        await using var node = await StartedAsync();
        var envelope = node.Trust.Sign(node.Trust.AgentManifest(node.Trust.AgentId("fuzzed"), Now));

        var failures = await FuzzBodyAsync(node, "v1/agents", Command(envelope), salt: 3);
        failures.AddRange(await FuzzPayloadAsync(node, "v1/agents", envelope, [TrustScenario.SignerOf(node.Trust.Publisher)], salt: 4));

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Damaged_federation_and_lineage_bodies_are_answered_below_500_and_refusals_write_nothing()
    {
        await using var node = await StartedAsync();
        var proposal = new JsonObject
        {
            ["peer_id"] = "peer-a", ["operator_id"] = "ops", ["endpoint"] = "https://peer.example", ["public_key"] = node.Trust.Root(3).PublicKey.ToString(),
            ["reason"] = "pilot", ["operator_key_id"] = node.Trust.Root(0).PublicKey.KeyId.ToString(), ["command_id"] = "c-1",
        }.ToJsonString();
        var grant = new JsonObject { ["executor"] = node.Trust.Root(2).PublicKey.KeyId.ToString(), ["command_id"] = "c-2" }.ToJsonString();
        var lineage = $"v1/lineages/{Uri.EscapeDataString(node.Trust.AgentId("planner"))}/grant";

        var failures = await FuzzBodyAsync(node, "v1/peers", proposal, salt: 5);
        failures.AddRange(await FuzzBodyAsync(node, lineage, grant, salt: 6));
        failures.AddRange(await FuzzBodyAsync(node, "v1/sessions", """{"session_id":"spiffe://example.org/session/s1","subject":"spiffe://example.org/agent/planner","subject_source":"svid","agent_id":"spiffe://example.org/agent/planner","claims":{"payloadType":"x","payload":"e30","signatures":[]}}""", salt: 7));

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Damaged_signed_executor_requests_are_answered_below_500_and_refusals_write_nothing()
    {
        await using var lineage = await LineageNode.StartAsync(overrides: Quiet());
        (await lineage.Client.GrantAuthorityAsync(lineage.AgentId, LineageNode.Id(lineage.A))).Accepted.ShouldBeTrue();
        var agent = Uri.EscapeDataString(lineage.AgentId);
        JsonObject Body(string action, JsonObject members)
        {
            members["executor"] = LineageNode.Id(lineage.A).ToString();
            members["epoch"] = new JsonObject { ["major"] = 1, ["generation"] = 0 };
            return RequestAuthorizations.Sign(members, new RequestTarget("lineage", lineage.AgentId, action), LineageNode.Signer(lineage.A), DateTimeOffset.UtcNow);
        }

        var renew = Body("renew", new JsonObject { ["command_id"] = "r-1" }).ToJsonString();
        var handoff = Body("handoff", new JsonObject { ["command_id"] = "h-1", ["to"] = LineageNode.Id(lineage.B).ToString() }).ToJsonString();

        var failures = await FuzzBodyAsync(lineage.Node, $"v1/lineages/{agent}/renew", renew, salt: 9);
        failures.AddRange(await FuzzBodyAsync(lineage.Node, $"v1/lineages/{agent}/handoff", handoff, salt: 10));

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Damaged_urls_and_query_strings_are_answered_below_500_and_write_nothing()
    {
        await using var node = await StartedAsync();
        string[] templates =
        [
            "v1/entities/{0}/{1}/events?from={2}&limit={3}", "v1/events?after={2}&limit={3}&kind={0}", "v1/domains/{1}", "v1/domains/{1}/key-roles?key_id={1}&role={0}&version={2}",
            "v1/agents/{1}", "v1/sessions/{1}", "v1/sessions?limit={3}", "v1/peers/{1}", "v1/peers?limit={3}", "v1/peers/{1}/migrations/{0}", "v1/contracts/{1}",
            "v1/lineages/{1}/chain", "v1/domains/{1}/authority-history", "v1/peers/{1}/audit?from={2}",
        ];
        string[] pieces =
        [
            "agent", "domain", "peer", "%00", "%ZZ", "%", "..%2F..%2Fetc", "%2F", "-1", "0", "99999999999999999999999", "1e400", "NaN", "", "%C0%AF", "%ED%A0%80",
            "%FF", "spiffe%3A%2F%2Fexample.org%2Fagent%2Fx", new string('a', 5000), "%F0%9F%92%A9", "true", "sha256:zz", "  ", "%0A%0D", "a,b,,c",
        ];
        var gen = Gen.Zip(Gen.Elements(templates), Gen.Zip(Gen.Zip(Gen.Elements(pieces), Gen.Elements(pieces)), Gen.Zip(Gen.Elements(pieces), Gen.Elements(pieces))));
        var failures = new List<string>();

        foreach (var (template, ((a, b), (c, d))) in Gen.Sample(gen, CasesPerTarget * 2, new Rnd(Mutator.ReplaySeed ^ 8), 30))
        {
            var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, a, b, c, d);
            var before = await JournalHeadAsync(node);
            var answer = await GetAsync(node, path);
            var post = await PostAsync(node, path.Split('?')[0], "{}");
            if ((int)answer.Status >= 500 || (int)post.Status >= 500 || await JournalHeadAsync(node) != before)
            {
                failures.Add($"{path}: GET {answer} / POST {post}");
            }
        }

        failures.ShouldBeEmpty();
    }

    // A node with a domain and one agent, so damaged commands reach the checks behind parsing.
    private static async Task<NodeFixture> StartedAsync()
    {
        // The transport bound above the JSON bound, so oversized bodies meet actortrust.limits.json.max-bytes (a 413 problem).
        var node = await NodeFixture.StartAsync(maxBody: 4 * 1024 * 1024, overrides: Quiet());
        (await node.Client.CreateDomainAsync(node.Trust.CreateDomainEnvelope())).Accepted.ShouldBeTrue();
        (await node.Client.RegisterAgentAsync(node.Trust.Sign(node.Trust.AgentManifest(node.Trust.AgentId("planner"), Now)))).Accepted.ShouldBeTrue();
        return node;
    }

    private static Task<List<string>> FuzzBodyAsync(NodeFixture node, string path, string valid, ulong salt) =>
        SendAllAsync(node, path, Mutator.Cases(Encoding.UTF8.GetBytes(valid), CasesPerTarget, salt).Select(m => (m.ToString(), m.Bytes)));

    private static Task<List<string>> FuzzPayloadAsync(NodeFixture node, string path, string envelope, IReadOnlyList<IEnvelopeSigner> signers, ulong salt)
    {
        var valid = EnvelopeJson.Parse(Encoding.UTF8.GetBytes(envelope));
        // A fresh command id per case, so no case is answered from the entity's remembered outcomes.
        return SendAllAsync(node, path, Mutator.Cases(valid.Payload, CasesPerTarget, salt).Select((m, i) =>
            ("payload " + m, Encoding.UTF8.GetBytes(Command(Encoding.UTF8.GetString(EnvelopeJson.Serialize(Envelope.Sign(valid.PayloadType, m.Bytes, signers))), $"fuzz-{salt}-{i}")))));
    }

    private static async Task<List<string>> SendAllAsync(NodeFixture node, string path, IEnumerable<(string Name, byte[] Body)> cases)
    {
        var failures = new List<string>();
        foreach (var (name, body) in cases)
        {
            var before = await JournalHeadAsync(node);
            var answer = await PostAnyAsync(node, path, body);

            var after = await JournalHeadAsync(node);
            // Accepted damage (e.g. a changed command_id) may write; a 4xx never does. Recorded session refusals are 422s.
            var refusedWithWrite = (int)answer.Status is >= 400 and < 500 && after != before
                && !(path == "v1/sessions" && answer.Status == HttpStatusCode.UnprocessableEntity);
            if ((int)answer.Status >= 500 || refusedWithWrite)
            {
                failures.Add($"{path} {name}: {answer}");
            }
        }

        return failures;
    }
}
