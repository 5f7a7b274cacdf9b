using System.Text;
using ActorTrust.Core.Federation.Grants;
using ActorTrust.Node.Tests.Limits;

namespace ActorTrust.Node.Tests.Secrets;

/// <summary>
/// Secrets the node draws or holds — acceptance tokens, grant credentials, the node key's seed — are shown once, in
/// the answer that created them, and never in the journal feed, entity views, audit excerpts, metrics, error answers
/// or the node's log.
/// </summary>
public sealed class SecretExposureTests
{
    private const string PeerId = "peer-secrets";

    [Fact]
    public async Task Acceptance_token_is_shown_only_in_the_proposal_answer()
    {
        using var log = LogCapture.Start();
        await using var federation = await Federation.StartAsync(settings: NodeProbe.Quiet());
        var digest = await federation.PublishContractAsync();
        var token = await federation.ProposeAsync(PeerId);
        var wrong = Convert.ToBase64String(new byte[32]).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var refused = await federation.Node.Client.AcceptPeerAsync(PeerId, wrong, 1, digest, federation.PeerKey);
        var accepted = await federation.Node.Client.AcceptPeerAsync(PeerId, token, 1, digest, federation.PeerKey);

        refused.Accepted.ShouldBeFalse();
        (refused.Detail ?? string.Empty).ShouldNotContain(wrong);
        accepted.Accepted.ShouldBeTrue(accepted.Detail);
        (await EverythingVisibleAsync(federation.Node, log)).ShouldNotContain(token);
    }

    [Fact]
    public async Task Grant_credential_is_shown_only_in_the_issue_answer_and_a_wrong_one_is_not_echoed()
    {
        using var log = LogCapture.Start();
        await using var federation = await Federation.StartAsync(settings: NodeProbe.Quiet());
        await federation.EnrollAsync(PeerId);
        var client = federation.Node.Client;
        var issued = await client.IssueGrantAsync(PeerId, new GrantRequest([GrantScope.Read], "vm", "remote-user"), federation.OperatorKey, commandId: "grant-1");
        var credential = issued.State!.Value.GetProperty("credential").GetString()!;
        var grantId = issued.State!.Value.GetProperty("grant_id").GetString()!;
        var wrong = new string('B', 43);

        var retried = await client.IssueGrantAsync(PeerId, new GrantRequest([GrantScope.Read], "vm", "remote-user"), federation.OperatorKey, commandId: "grant-1");
        var refused = await client.ExerciseGrantAsync(PeerId, grantId, wrong, new GrantUse(GrantScope.Read, "vm", "list"), federation.PeerKey);
        var exercised = await client.ExerciseGrantAsync(PeerId, grantId, credential, new GrantUse(GrantScope.Read, "vm", "list"), federation.PeerKey);

        exercised.Accepted.ShouldBeTrue(exercised.Detail);
        retried.State!.Value.GetRawText().ShouldNotContain(credential);
        refused.Code.ShouldBe("GrantCredentialInvalid");
        (refused.Detail ?? string.Empty).ShouldNotContain(wrong);
        (await EverythingVisibleAsync(federation.Node, log)).ShouldNotContain(credential);
    }

    [Fact]
    public async Task Node_key_seed_never_leaves_the_key_file()
    {
        using var log = LogCapture.Start();
        await using var node = await NodeFixture.StartAsync(overrides: NodeProbe.Quiet());
        await node.Client.CreateDomainAsync(node.Trust.CreateDomainEnvelope());
        await node.Http.PostAsync(new Uri("v1/audit/checkpoints", UriKind.Relative), null);
        var keyFile = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(node.DataDir, "node.key")))!;
        var seed = keyFile["seed"]!.GetValue<string>();

        var visible = await EverythingVisibleAsync(node, log);

        seed.Length.ShouldBe(64);
        visible.ShouldNotContain(seed);
        visible.ShouldNotContain(Convert.ToBase64String(Convert.FromHexString(seed)));
    }

    // Everything a client or an operator can see: feed, entity streams, views, audit excerpts, metrics, readiness and the log.
    private static async Task<string> EverythingVisibleAsync(NodeFixture node, LogCapture log)
    {
        var text = new StringBuilder();
        foreach (var path in new[]
        {
            "v1/events?limit=1000", $"v1/entities/peer/{PeerId}/events", $"v1/peers/{PeerId}", "v1/peers", $"v1/peers/{PeerId}/audit",
            $"v1/peers/{PeerId}/migrations", "v1/entities/audit/checkpoints/events", "metrics", "readyz",
        })
        {
            text.AppendLine((await NodeProbe.GetAsync(node, path)).Body);
        }

        // The capture is live once the node's start-up line is in it (the console logger writes from a background queue).
        await log.WaitForAsync("listening on", TimeSpan.FromSeconds(10));
        return text.Append(log.Text).ToString();
    }
}

/// <summary>
/// The node logs to the console; this captures what it writes while a test runs. Node loggers bind the console writer
/// when they are built, so start the capture before the node. Output of other tests' nodes may land here too — that
/// only adds text, and the checks look for one test's own random secrets.
/// </summary>
internal sealed class LogCapture : IDisposable
{
    private static readonly Lock Gate = new();
    private readonly TextWriter _previous;
    private readonly StringWriter _captured = new();

    private LogCapture()
    {
        _previous = Console.Out;
        Console.SetOut(TextWriter.Synchronized(_captured));
    }

    public string Text
    {
        get
        {
            lock (Gate)
            {
                return _captured.ToString();
            }
        }
    }

    public async Task WaitForAsync(string fragment, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!Text.Contains(fragment, StringComparison.Ordinal))
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    public static LogCapture Start()
    {
        lock (Gate)
        {
            return new LogCapture();
        }
    }

    public void Dispose()
    {
        lock (Gate)
        {
            Console.SetOut(_previous);
        }
    }
}
