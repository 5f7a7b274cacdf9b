using System.Security.Cryptography;
using ActorTrust.Runtime.Cluster;
using ActorTrust.TestKit.Cluster;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorTrust.Runtime.Tests.Cluster;

/// <summary>
/// <see cref="AttestedMembershipStore"/> over the in-memory table with a keyed-hash attestor: only attested rows are
/// members, votes in a non-member's name are dropped, this node's rows are signed on write and re-signed after its
/// certificate changes, and other nodes' rewrites keep the member's own attestation.
/// </summary>
public sealed class AttestedMembershipStoreTests
{
    private static readonly NodeId A = new("10.0.0.1", 7001, 1);
    private static readonly NodeId B = new("10.0.0.2", 7001, 2);
    private static readonly NodeId Forged = new("10.0.0.9", 7001, 9);
    private readonly InMemoryClusterStore _table = new();

    private static MemberRow Row(NodeId node, MemberStatus status = MemberStatus.Active, params SuspectVote[] votes) =>
        new(node, $"https://{node.Endpoint}", status, votes, "1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task This_nodes_row_is_signed_on_write_and_counts_as_a_member()
    {
        var attestor = new KeyedAttestor();
        var a = new AttestedMembershipStore(_table, A, attestor, NullLogger.Instance);

        (await a.TryWriteAsync(Row(A), 0, CancellationToken.None)).ShouldBeTrue();

        _table.Member(A).ShouldNotBeNull().Attestation.ShouldNotBeNull().Certificate.ShouldBe(attestor.Certificate);
        (await a.ReadAsync(CancellationToken.None)).Members.Select(m => m.Node).ShouldBe([A]);
    }

    [Fact]
    public async Task Unattested_rows_are_not_members_and_votes_in_their_name_are_dropped()
    {
        var attestor = new KeyedAttestor();
        var a = new AttestedMembershipStore(_table, A, attestor, NullLogger.Instance);
        await a.TryWriteAsync(Row(A), 0, CancellationToken.None);
        await _table.TryWriteAsync(Row(Forged), 1, CancellationToken.None); // written around the attestation
        var b = new AttestedMembershipStore(_table, B, attestor, NullLogger.Instance);
        await b.TryWriteAsync(Row(B), 2, CancellationToken.None);
        var now = await _table.DatabaseNowAsync(CancellationToken.None);
        (await _table.TryWriteAsync(_table.Member(A)! with { SuspectVotes = [new(Forged.ToString(), now), new(B.ToString(), now)] }, 3, CancellationToken.None)).ShouldBeTrue();

        var view = await a.ReadAsync(CancellationToken.None);

        view.Members.Select(m => m.Node).ShouldBe([A, B], ignoreOrder: true);
        view.Find(A)!.SuspectVotes.Select(v => v.Voter).ShouldBe([B.ToString()]);
        a.IgnoredRows.ShouldBe(1);
    }

    [Fact]
    public async Task Another_nodes_rewrite_keeps_the_members_attestation()
    {
        var attestor = new KeyedAttestor();
        var a = new AttestedMembershipStore(_table, A, attestor, NullLogger.Instance);
        var b = new AttestedMembershipStore(_table, B, attestor, NullLogger.Instance);
        await a.TryWriteAsync(Row(A), 0, CancellationToken.None);

        // b writes a Dead from a row it built itself (no attestation): the stored one stays.
        (await b.TryWriteAsync(Row(A, MemberStatus.Dead), 1, CancellationToken.None)).ShouldBeTrue();

        (await b.ReadAsync(CancellationToken.None)).Find(A).ShouldNotBeNull().Status.ShouldBe(MemberStatus.Dead);
    }

    [Fact]
    public async Task After_a_certificate_rotation_the_next_read_re_signs_this_nodes_row()
    {
        var attestor = new KeyedAttestor();
        var a = new AttestedMembershipStore(_table, A, attestor, NullLogger.Instance);
        await a.TryWriteAsync(Row(A), 0, CancellationToken.None);
        var before = _table.Member(A)!.Attestation!;

        attestor.Rotate();
        var view = await a.ReadAsync(CancellationToken.None);

        before.Certificate.ShouldNotBe(attestor.Certificate);
        _table.Member(A)!.Attestation!.Certificate.ShouldBe(attestor.Certificate);
        view.Members.Select(m => m.Node).ShouldBe([A]);
    }

    /// <summary>
    /// A stand-in for the certificate attestor: a "certificate" is a random key whose first byte says it is trusted;
    /// the signature is an HMAC of the content under it. Enough to drive the store's rules without X.509.
    /// </summary>
    private sealed class KeyedAttestor : IMemberAttestor
    {
        public byte[] Certificate { get; private set; } = NewKey();

        public void Rotate() => Certificate = NewKey();

        public MemberAttestation Attest(NodeId node, string address) =>
            new(Certificate, HMACSHA256.HashData(Certificate, MemberAttestation.Content(node, address)));

        public bool IsCurrent(MemberAttestation attestation) => attestation.Certificate.AsSpan().SequenceEqual(Certificate);

        public string? Refuse(MemberRow row) =>
            row.Attestation is not { } attestation ? "no attestation"
            : attestation.Certificate[0] != 0x42 ? "untrusted"
            : HMACSHA256.HashData(attestation.Certificate, MemberAttestation.Content(row.Node, row.Address)).AsSpan().SequenceEqual(attestation.Signature) ? null
            : "bad signature";

        private static byte[] NewKey()
        {
            var key = RandomNumberGenerator.GetBytes(32);
            key[0] = 0x42;
            return key;
        }
    }
}
