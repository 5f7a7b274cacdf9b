using ActorTrust.Core.Crypto;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Federation.Peers;

namespace ActorTrust.Node.Tests;

/// <summary>
/// A node whose home domain (<c>example.org</c>) has an operator key holding <c>federator</c>, and a peer's key and
/// disclosure: what every federation API test starts from.
/// </summary>
internal sealed class Federation : IAsyncDisposable
{
    private readonly Ed25519KeyPair _operator;
    private readonly Ed25519KeyPair _peer;

    private Federation(NodeFixture node, byte operatorSeed, byte peerSeed)
    {
        Node = node;
        _operator = Ed25519KeyPair.FromSeed(Enumerable.Repeat(operatorSeed, 32).ToArray());
        _peer = Ed25519KeyPair.FromSeed(Enumerable.Repeat(peerSeed, 32).ToArray());
    }

    public NodeFixture Node { get; }

    public string OperatorKeyId => _operator.PublicKey.KeyId.ToString();

    public string PeerKeyId => _peer.PublicKey.KeyId.ToString();

    public string PeerPublicKey => _peer.PublicKey.ToString();

    public static IdentityDisclosure Disclosure { get; } = new("ops@peer.example", "EU", "0.1.0", "v0.1.0", "EU");

    public static CapabilityDeclaration Capabilities { get; } = new([new ResourceCapability("vm", ["v1"], [])]);

    /// <summary>
    /// Starts a node whose operator key is drawn from <paramref name="operatorSeed"/> and whose expected peer key from
    /// <paramref name="peerSeed"/> (two federated nodes swap their seeds: each one's identity key is the other's peer key).
    /// </summary>
    public static async Task<Federation> StartAsync(TimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null, byte operatorSeed = 91, byte peerSeed = 92)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["actortrust:federation:home-domain"] = "example.org" };
        var node = await NodeFixture.StartAsync(time: time, overrides: all);
        var federation = new Federation(node, operatorSeed, peerSeed);
        var trust = node.Trust;
        var manifest = trust.DomainV1 with
        {
            Principals = [.. trust.DomainV1.Principals, new DomainPrincipal(federation._operator.PublicKey.KeyId, federation._operator.PublicKey.ToString(), [DomainRole.Federator])],
        };
        var created = await node.Client.CreateDomainAsync(DomainManifestSigning.SignToJson(manifest, new Ed25519EnvelopeSigner(trust.Root(0)), new Ed25519EnvelopeSigner(trust.Root(1))));
        created.Accepted.ShouldBeTrue(created.Detail);
        return federation;
    }

    /// <summary>Publishes contract 1 and returns its digest.</summary>
    public async Task<string> PublishContractAsync(int version = 1)
    {
        var published = await Node.Client.PublishContractAsync(version, $"Federation contract v{version}: the twelve commitments.", OperatorKeyId);
        published.Accepted.ShouldBeTrue(published.Detail);
        return published.State!.Value.GetProperty("digest").GetString()!;
    }

    /// <summary>Proposes <paramref name="peerId"/> and returns the acceptance token.</summary>
    public async Task<string> ProposeAsync(string peerId)
    {
        var proposed = await Node.Client.ProposePeerAsync(peerId, "peer-operator", "https://peer.example/federation", PeerPublicKey, "pilot", OperatorKeyId);
        proposed.Accepted.ShouldBeTrue(proposed.Detail);
        return proposed.State!.Value.GetProperty("acceptance_token").GetString()!;
    }

    /// <summary>Contract 1 published, <paramref name="peerId"/> proposed, accepted and enrolled.</summary>
    public async Task EnrollAsync(string peerId)
    {
        var digest = await PublishContractAsync();
        var token = await ProposeAsync(peerId);
        (await Node.Client.AcceptPeerAsync(peerId, token, 1, digest, PeerKeyId)).Accepted.ShouldBeTrue();
        var enrolled = await Node.Client.EnrollPeerAsync(peerId, Disclosure, Capabilities, PeerKeyId);
        enrolled.Accepted.ShouldBeTrue(enrolled.Detail);
    }

    public async Task<string> StatusAsync(string peerId) =>
        (await Node.Client.GetPeerAsync(peerId)).ShouldNotBeNull().GetProperty("status").GetString()!;

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        _operator.Dispose();
        _peer.Dispose();
    }
}
