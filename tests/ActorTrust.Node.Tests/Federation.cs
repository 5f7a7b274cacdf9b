using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Core.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace ActorTrust.Node.Tests;

/// <summary>
/// A node whose home domain (<c>example.org</c>) has an operator key holding <c>federator</c>, and a peer's key and
/// disclosure: what every federation API test starts from.
/// </summary>
internal sealed class Federation : IAsyncDisposable
{
    private readonly Ed25519KeyPair _operator;
    private readonly Ed25519KeyPair _peer;
    private readonly Ed25519KeyPair _stranger = Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)93, 32).ToArray());

    private Federation(NodeFixture node, byte operatorSeed, byte peerSeed)
    {
        Node = node;
        _operator = Ed25519KeyPair.FromSeed(Enumerable.Repeat(operatorSeed, 32).ToArray());
        _peer = Ed25519KeyPair.FromSeed(Enumerable.Repeat(peerSeed, 32).ToArray());
    }

    public NodeFixture Node { get; }

    public string OperatorKeyId => _operator.PublicKey.KeyId.ToString();

    /// <summary>Signs as the home domain's federator.</summary>
    public IEnvelopeSigner OperatorKey => new Ed25519EnvelopeSigner(_operator);

    /// <summary>Signs as the peer (the key it is proposed with).</summary>
    public IEnvelopeSigner PeerKey => new Ed25519EnvelopeSigner(_peer);

    /// <summary>Signs as a principal of the home domain that holds only <c>publisher</c>, not <c>federator</c>.</summary>
    public IEnvelopeSigner PublisherKey => new Ed25519EnvelopeSigner(Node.Trust.Publisher);

    /// <summary>Signs as a key nobody knows here.</summary>
    public IEnvelopeSigner StrangerKey => new Ed25519EnvelopeSigner(_stranger);

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
        var published = await Node.Client.PublishContractAsync(version, $"Federation contract v{version}: the twelve commitments.", OperatorKey);
        published.Accepted.ShouldBeTrue(published.Detail);
        return published.State!.Value.GetProperty("digest").GetString()!;
    }

    /// <summary>Proposes <paramref name="peerId"/> and returns the acceptance token.</summary>
    public async Task<string> ProposeAsync(string peerId)
    {
        var proposed = await Node.Client.ProposePeerAsync(peerId, "peer-operator", "https://peer.example/federation", PeerPublicKey, "pilot", OperatorKey);
        proposed.Accepted.ShouldBeTrue(proposed.Detail);
        return proposed.State!.Value.GetProperty("acceptance_token").GetString()!;
    }

    /// <summary>Contract 1 published, <paramref name="peerId"/> proposed, accepted and enrolled.</summary>
    public async Task EnrollAsync(string peerId)
    {
        var digest = await PublishContractAsync();
        var token = await ProposeAsync(peerId);
        (await Node.Client.AcceptPeerAsync(peerId, token, 1, digest, PeerKey)).Accepted.ShouldBeTrue();
        var enrolled = await Node.Client.EnrollPeerAsync(peerId, Disclosure, Capabilities, PeerKey);
        enrolled.Accepted.ShouldBeTrue(enrolled.Detail);
    }

    /// <summary>
    /// Posts <paramref name="body"/> to <paramref name="path"/> as raw HTTP, signed by <paramref name="signer"/> for
    /// <paramref name="target"/> at <paramref name="at"/> (the node's clock when not given, so it is fresh); null signer: unsigned.
    /// Returns the status and the body text (also the exact JSON sent, for replays).
    /// </summary>
    public async Task<(HttpStatusCode Status, string Answer, string Sent)> PostSignedAsync(string path, JsonObject body, RequestTarget target, IEnvelopeSigner? signer,
        DateTimeOffset? at = null)
    {
        if (signer is not null)
        {
            RequestAuthorizations.Sign(body, target, signer, at ?? Node.App.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        }

        var sent = body.ToJsonString();
        var (status, answer) = await PostAsync(path, sent);
        return (status, answer, sent);
    }

    /// <summary>Posts <paramref name="json"/> as is.</summary>
    public async Task<(HttpStatusCode Status, string Answer)> PostAsync(string path, string json)
    {
        using var response = await Node.Http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>How many events the journal holds in all, to show that a refusal wrote nothing.</summary>
    public async Task<long> JournalEventsAsync()
    {
        var total = 0L;
        await foreach (var pid in Node.Runtime.Journal.ReadPersistenceIdsAsync(CancellationToken.None))
        {
            total += await Node.Runtime.Journal.ReadHighestSeqNrAsync(pid, CancellationToken.None);
        }

        return total;
    }

    public async Task<string> StatusAsync(string peerId) =>
        (await Node.Client.GetPeerAsync(peerId)).ShouldNotBeNull().GetProperty("status").GetString()!;

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        _operator.Dispose();
        _peer.Dispose();
        _stranger.Dispose();
    }
}
