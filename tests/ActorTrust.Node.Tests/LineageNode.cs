using ActorTrust.Client;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Lineage;
using ActorTrust.TestKit.Trust;

namespace ActorTrust.Node.Tests;

/// <summary>
/// A node with domain lineage.example (executors A and B in version 1) created, and one agent's lineage to drive:
/// checkpoint builders signed by the executor keys, named as the tests use them. The client signs executor requests
/// on the node's clock, so a test that moves the clock moves both.
/// </summary>
internal sealed class LineageNode : IAsyncDisposable
{
    /// <summary>The principal an insecure node records as the operator of grant, recover and retire.</summary>
    public const string InsecureOperator = "insecure";

    private readonly TimeProvider _time;

    private LineageNode(NodeFixture node, TrustScenario trust, TimeProvider time)
    {
        Node = node;
        Trust = trust;
        _time = time;
    }

    public NodeFixture Node { get; }

    public TrustScenario Trust { get; }

    /// <summary>A client of the node (its current address) that dates signed requests by the node's clock.</summary>
    public ActorTrustClient Client => new(Node.Http, new ActorTrustClientOptions { MaxAttempts = 2, TimeProvider = _time });

    public string AgentId => Trust.AgentId("mover");

    public Ed25519KeyPair A => Trust.Executor(0);

    public Ed25519KeyPair B => Trust.Executor(1);

    public static async Task<LineageNode> StartAsync(TimeProvider? time = null, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var node = await NodeFixture.StartAsync(time: time, overrides: overrides);
        var trust = new TrustScenario("lineage.example", seed: 5, executors: 2);
        (await node.Client.CreateDomainAsync(trust.CreateDomainEnvelope())).Accepted.ShouldBeTrue();
        return new LineageNode(node, trust, time ?? TimeProvider.System);
    }

    public static Digest Id(Ed25519KeyPair executor) => executor.PublicKey.KeyId;

    /// <summary>The signer of an executor's requests.</summary>
    public static IEnvelopeSigner Signer(Ed25519KeyPair executor) => TrustScenario.SignerOf(executor);

    public Checkpoint Checkpoint(Ed25519KeyPair executor, long tick, Digest parent, Epoch epoch, string state = "") =>
        new(Core.Lineage.Checkpoint.SchemaV1, SpiffeId.Parse(AgentId), tick, parent,
            Digest.Sha256(System.Text.Encoding.UTF8.GetBytes($"state {tick} {state}")), epoch, 1_000, Id(executor));

    public static string Signed(Checkpoint checkpoint, Ed25519KeyPair by) => CheckpointSigning.SignToJson(checkpoint, TrustScenario.SignerOf(by));

    /// <summary>Commits <paramref name="checkpoint"/> signed by <paramref name="by"/>; returns the outcome and the checkpoint's digest.</summary>
    public async Task<(CommandOutcome Outcome, Digest Digest)> CommitAsync(Checkpoint checkpoint, Ed25519KeyPair by) =>
        (await Client.CommitCheckpointAsync(AgentId, Signed(checkpoint, by)), CheckpointSigning.DigestOf(checkpoint));

    public async ValueTask DisposeAsync()
    {
        Trust.Dispose();
        await Node.DisposeAsync();
    }
}
