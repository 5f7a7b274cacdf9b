using ActorTrust.Runtime.Cluster;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.Persistence.PostgreSql.Tests;

/// <summary>Schema 3: a member's attestation (certificate and signature) is stored with its row and survives other nodes' rewrites.</summary>
public sealed class MemberAttestationStoreTests(PostgresFixture postgres) : PostgresTestBase(postgres)
{
    private static readonly NodeId Node1 = new("10.0.0.1", 7001, 638_000_000_000_000_001);
    private static readonly MemberAttestation Attestation = new([0x30, 0x82, 0x01], [1, 2, 3, 4]);

    private static MemberRow Row(MemberStatus status, MemberAttestation? attestation, params SuspectVote[] votes) =>
        new(Node1, $"https://{Node1.Endpoint}", status, votes, "1.0.0", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch) { Attestation = attestation };

    [PostgresFact]
    public async Task A_written_attestation_is_read_back_byte_for_byte()
    {
        (await Store.TryWriteAsync(Row(MemberStatus.Joining, Attestation), 0, Budget)).ShouldBeTrue();

        var read = (await Store.ReadAsync(Budget)).Find(Node1).ShouldNotBeNull().Attestation.ShouldNotBeNull();

        read.Certificate.ShouldBe(Attestation.Certificate);
        read.Signature.ShouldBe(Attestation.Signature);
    }

    [PostgresFact]
    public async Task A_rewrite_without_an_attestation_keeps_the_members_own()
    {
        (await Store.TryWriteAsync(Row(MemberStatus.Active, Attestation), 0, Budget)).ShouldBeTrue();
        var now = await Store.DatabaseNowAsync(Budget);

        // Another node votes (it has no attestation of this member to send).
        (await Store.TryWriteAsync(Row(MemberStatus.Active, null, new SuspectVote("10.0.0.2:7001:5", now)), 1, Budget)).ShouldBeTrue();

        var member = (await Store.ReadAsync(Budget)).Find(Node1).ShouldNotBeNull();
        member.SuspectVotes.Count.ShouldBe(1);
        member.Attestation.ShouldNotBeNull().Signature.ShouldBe(Attestation.Signature);
    }

    [PostgresFact]
    public async Task An_unattested_row_reads_without_attestation_and_half_an_attestation_is_refused_by_the_schema()
    {
        (await Store.TryWriteAsync(Row(MemberStatus.Joining, null), 0, Budget)).ShouldBeTrue();

        var error = await Should.ThrowAsync<Npgsql.PostgresException>(() => Db.ExecuteAsync(ConnectionString,
            "UPDATE cluster_members SET attestation_signature = '\\x01'::bytea"));

        (await Store.ReadAsync(Budget)).Find(Node1).ShouldNotBeNull().Attestation.ShouldBeNull();
        error.ConstraintName.ShouldBe("cluster_members_attestation_whole");
    }
}
