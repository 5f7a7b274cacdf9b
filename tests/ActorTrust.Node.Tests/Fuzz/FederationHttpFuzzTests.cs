using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Client;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Json;
using ActorTrust.Core.Requests;
using ActorTrust.Core.Tests.Fuzz;
using ActorTrust.Node.Tests.Limits;
using Microsoft.Extensions.DependencyInjection;
using static ActorTrust.Node.Tests.Limits.NodeProbe;

namespace ActorTrust.Node.Tests.Fuzz;

/// <summary>
/// The federation lifecycle driven by the real client through a recording handler (contract, proposal, acceptance,
/// enrolment, heartbeat, grant issue and use), then every recorded request body damaged and sent again. Answers must
/// be below 500; malformed input (400, 404, 413) and every request whose signature no longer holds (401, 403) must write nothing. Peer refusals by rule (409, 422) are recorded by
/// design (<c>peer.command-refused.v1</c>), so they may write.
/// </summary>
public sealed class FederationHttpFuzzTests
{
    private const int CasesPerRequest = 40;
    private const string PeerId = "peer-fuzz";

    [Fact]
    public async Task Damaged_federation_requests_are_answered_below_500_and_malformed_ones_write_nothing()
    {
        await using var federation = await Federation.StartAsync(settings: Quiet());
        var node = federation.Node;
        var recorded = await RecordLifecycleAsync(federation);
        var failures = new List<string>();

        foreach (var (path, body) in recorded)
        {
            foreach (var mutation in Mutator.Cases(body, CasesPerRequest, salt: (ulong)path.GetHashCode(StringComparison.Ordinal)))
            {
                var (answer, failed) = await SendAsync(node, path, mutation.Bytes);
                if (failed)
                {
                    failures.Add($"{path} {mutation}: {answer}");
                }
            }
        }

        recorded.Count.ShouldBeGreaterThanOrEqualTo(6);
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Damaged_federation_requests_signed_again_reach_the_rules_answer_below_500_and_malformed_ones_write_nothing()
    {
        // A damaged body no longer matches its signature, so the test above mostly stops at 401. Here every damaged body
        // that is still a JSON object is signed again by the key the original named, so the damage reaches the parsers
        // and the peer rules behind the signature check.
        await using var federation = await Federation.StartAsync(settings: Quiet());
        var node = federation.Node;
        var recorded = await RecordLifecycleAsync(federation);
        var signers = new Dictionary<string, IEnvelopeSigner>(StringComparer.Ordinal)
        {
            [federation.OperatorKey.KeyId] = federation.OperatorKey, [federation.PeerKey.KeyId] = federation.PeerKey,
        };
        var now = node.App.Services.GetRequiredService<TimeProvider>();
        var failures = new List<string>();
        var resigned = 0;
        var pastSignature = 0;

        foreach (var (path, body) in recorded)
        {
            var statement = RequestAuthorizations.Peek(JsonNode.Parse(body)!.AsObject(), out _)!;
            var target = new RequestTarget(statement.EntityKind, statement.EntityId, statement.Action);
            foreach (var mutation in Mutator.Cases(body, CasesPerRequest, salt: 17 + (ulong)path.Length))
            {
                if (ParseObject(mutation.Bytes) is not { } damaged)
                {
                    continue; // not one JSON object with unique members and a canonical form: nobody can sign it, the test above covers it
                }

                RequestAuthorizations.Sign(damaged, target, signers[statement.KeyId.ToString()], now.GetUtcNow());
                resigned++;
                var (answer, failed) = await SendAsync(node, path, Encoding.UTF8.GetBytes(damaged.ToJsonString()));
                pastSignature += answer.Code?.StartsWith("Authorization", StringComparison.Ordinal) == true ? 0 : 1;
                if (failed)
                {
                    failures.Add($"{path} {mutation}: {answer}");
                }
            }
        }

        resigned.ShouldBeGreaterThan(recorded.Count * 5, "most damaged bodies are still JSON objects and get signed again");
        pastSignature.ShouldBeGreaterThan(resigned / 2, "most signed-again bodies get past the signature check to the parsers and rules");
        failures.ShouldBeEmpty();
    }

    private static JsonObject? ParseObject(byte[] bytes)
    {
        try
        {
            var parsed = JsonNode.Parse(bytes) as JsonObject;
            _ = parsed is null ? null : CanonicalJson.Serialize(parsed); // a duplicated member, a lone surrogate, an inexact number throw here
            return parsed;
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Posts <paramref name="body"/>; failed when the answer is a 5xx, or when the journal changed although the request was
    /// malformed (400, 404, 413) or its signature did not hold (401, 403).
    /// </summary>
    private static async Task<(Answer Answer, bool Failed)> SendAsync(NodeFixture node, string path, byte[] body)
    {
        var before = await JournalHeadAsync(node);
        var answer = await PostAnyAsync(node, path, body);

        var wrote = await JournalHeadAsync(node) != before;
        return (answer, (int)answer.Status >= 500 || (wrote && answer.Status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound
            or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden));
    }

    /// <summary>Drives the federation lifecycle through the real client and returns every POST it sent, path and body.</summary>
    private static async Task<List<(string Path, byte[] Body)>> RecordLifecycleAsync(Federation federation)
    {
        var recorded = new List<(string Path, byte[] Body)>();
        using var http = new HttpClient(new Recording(recorded)) { BaseAddress = federation.Node.Address };
        await DriveLifecycleAsync(federation, new ActorTrustClient(http, new ActorTrustClientOptions { MaxAttempts = 1 }));
        return recorded;
    }

    private static async Task DriveLifecycleAsync(Federation federation, ActorTrustClient client)
    {
        var published = await client.PublishContractAsync(1, "Federation contract v1: the twelve commitments.", federation.OperatorKey);
        var digest = published.State!.Value.GetProperty("digest").GetString()!;
        var proposed = await client.ProposePeerAsync(PeerId, "peer-operator", "https://peer.example/federation", federation.PeerPublicKey, "pilot", federation.OperatorKey);
        var token = proposed.State!.Value.GetProperty("acceptance_token").GetString()!;
        (await client.AcceptPeerAsync(PeerId, token, 1, digest, federation.PeerKey)).Accepted.ShouldBeTrue();
        (await client.EnrollPeerAsync(PeerId, Federation.Disclosure, Federation.Capabilities, federation.PeerKey)).Accepted.ShouldBeTrue();
        (await client.HeartbeatAsync(PeerId, Federation.Disclosure, 1, federation.PeerKey)).Accepted.ShouldBeTrue();
        var issued = await client.IssueGrantAsync(PeerId, new GrantRequest([GrantScope.Read], "vm", "remote-user"), federation.OperatorKey);
        issued.Accepted.ShouldBeTrue(issued.Detail);
        var grantId = issued.State!.Value.GetProperty("grant_id").GetString()!;
        var credential = issued.State!.Value.GetProperty("credential").GetString()!;
        (await client.ExerciseGrantAsync(PeerId, grantId, credential, new GrantUse(GrantScope.Read, "vm", "list"), federation.PeerKey)).Accepted.ShouldBeTrue();
    }

    // Forwards to the node and keeps every POST body with its path.
    private sealed class Recording(List<(string Path, byte[] Body)> recorded) : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.Content is not null)
            {
                var body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
                recorded.Add((request.RequestUri!.PathAndQuery.TrimStart('/'), body));
                request.Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
