using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorTrust.Runtime.Cluster.Security;
using ActorTrust.Node.Security;
using ActorTrust.Node.Tests.Security;
using ActorTrust.Persistence.PostgreSql;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Routing;
using ActorTrust.TestKit.Network;
using Npgsql;

namespace ActorTrust.Node.Tests.Cluster;

/// <summary>
/// Membership rows attested by the node certificate (schema 3): a secure node signs its own row; rows written
/// straight into PostgreSQL by anyone holding the database credentials (no signature, a bad one, a certificate from
/// another CA, or a genuine signature moved to another incarnation) are not members to it: they are not listed,
/// not routed to (a lease they hold counts as unowned), and their suspicion votes are not counted.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MembershipAttestationTests(ClusterFixture cluster)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_genuine_secure_nodes_row_carries_its_certificate_and_a_signature_that_verifies()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow);
        var db = await cluster.CreateDatabaseAsync();
        await using var a = await SecureClusterNode.StartFirstAsync(pki, db);

        var row = await RawRowAsync(db, a.Runtime.NodeId);

        row.Attestation.ShouldNotBeNull().Certificate.ShouldBe(Der(Path.Combine(a.CertDir, ClusterCa.CertFile)));
        Attestor(pki).Refuse(row).ShouldBeNull();
        a.Runtime.Cluster!.Node.Membership.Current.Members.Select(m => m.Node.ToString()).ShouldBe([a.Runtime.NodeId]);
    }

    [Fact]
    public async Task Rows_forged_in_postgresql_are_not_members_get_no_traffic_and_cast_no_votes()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow);
        using var rogueCa = new Pki(pki.Now, "Rogue CA");
        var db = await cluster.CreateDatabaseAsync();
        await using var a = await SecureClusterNode.StartFirstAsync(pki, db);

        // Valid SQL, written with the database credentials only.
        var unsigned = Forged(1);
        var badSignature = Forged(2);
        var otherCa = Forged(3);
        await InsertAsync(db, unsigned, null, null);
        var genuineCertificate = Der(Path.Combine(pki.Node("forged-2", badSignature.Endpoint), ClusterCa.CertFile));
        await InsertAsync(db, badSignature, genuineCertificate, RandomNumberGenerator.GetBytes(64));
        var rogueDir = rogueCa.Node("forged-3", otherCa.Endpoint); // a node certificate and its own key, from another CA
        using (var rogue = ClusterCa.LoadPair(Path.Combine(rogueDir, ClusterCa.CertFile), Path.Combine(rogueDir, ClusterCa.KeyFile)))
        {
            using var key = rogue.GetECDsaPrivateKey()!;
            await InsertAsync(db, otherCa, rogue.RawData, key.SignData(MemberAttestation.Content(otherCa, Address(otherCa)), HashAlgorithmName.SHA256));
        }

        // A forged "member" votes the genuine node suspect, and takes a shard's lease for an hour.
        await ExecuteAsync(db, $$"""UPDATE cluster_members SET suspect_votes = '[{"voter": "{{unsigned}}", "at": "2030-01-01T00:00:00Z"}, {"voter": "{{otherCa}}", "at": "2030-01-01T00:00:00Z"}]' WHERE node_id = '{{Id(a).Endpoint}}'""");
        await ExecuteAsync(db, $"UPDATE shard_leases SET owner_node = '{unsigned}', lease_expires_at = clock_timestamp() + interval '1 hour' WHERE kind = 'domain' AND shard = 0");
        await ExecuteAsync(db, "UPDATE cluster_version SET version = version + 1");

        var status = await ClusterFixture.AwaitStatusAsync(a.Http, _ => true, Settle, "status");
        var view = await a.Runtime.Cluster!.Members.ReadAsync(CancellationToken.None);
        var raw = await a.Runtime.Cluster.Store.ReadAsync(CancellationToken.None);
        a.Runtime.Cluster.Table.Invalidate();
        var routed = await a.Runtime.Cluster.Table.OwnerOfAsync("domain", 0, CancellationToken.None);
        var routedByRawView = await new RoutingTable(a.Runtime.Cluster.Store, a.Runtime.Cluster.Store).OwnerOfAsync("domain", 0, CancellationToken.None);

        raw.Members.Count.ShouldBe(4); // the rows are there...
        view.Members.Select(m => m.Node.ToString()).ShouldBe([a.Runtime.NodeId]); // ...but only the genuine node is a member
        view.Members.Single().SuspectVotes.ShouldBeEmpty(); // votes from non-members are not counted
        raw.Find(Id(a)).ShouldNotBeNull().SuspectVotes.Count.ShouldBe(2);
        status.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("node").GetString()).ShouldBe([a.Runtime.NodeId]);
        routed.ShouldBeNull(); // a lease held by a non-member is unowned for routing
        routedByRawView.ShouldNotBeNull().Node.ShouldBe(unsigned); // (the unfiltered table would have routed to it)
        foreach (var (forged, reason) in new[] { (unsigned, "no attestation"), (badSignature, "signature does not match"), (otherCa, "does not chain to the cluster CA") })
        {
            Attestor(pki).Refuse(raw.Find(forged).ShouldNotBeNull()).ShouldNotBeNull().ShouldContain(reason);
        }
    }

    [Fact]
    public async Task A_genuine_row_copied_to_another_incarnation_with_the_old_signature_is_ignored()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow);
        var db = await cluster.CreateDatabaseAsync();
        await using var a = await SecureClusterNode.StartFirstAsync(pki, db);
        var self = Id(a);
        var replayed = new NodeId(self.Host, self.Port, self.Incarnation + 1);

        await ExecuteAsync(db, $"""
            INSERT INTO cluster_members (cluster_id, node_id, incarnation, address, status, suspect_votes, app_version, started_at, i_am_alive_at,
                                         attestation_certificate, attestation_signature)
            SELECT cluster_id, node_id, {replayed.Incarnation.ToString(CultureInfo.InvariantCulture)}, address, status, suspect_votes, app_version,
                   started_at, i_am_alive_at, attestation_certificate, attestation_signature
              FROM cluster_members WHERE node_id = '{self.Endpoint}' AND incarnation = {self.Incarnation.ToString(CultureInfo.InvariantCulture)}
            """);
        await ExecuteAsync(db, "UPDATE cluster_version SET version = version + 1");

        var view = await a.Runtime.Cluster!.Members.ReadAsync(CancellationToken.None);
        var copy = await RawRowAsync(db, replayed.ToString());

        view.Members.Select(m => m.Node).ShouldBe([self]);
        Attestor(pki).Refuse(copy).ShouldNotBeNull().ShouldContain("signature does not match");
        Attestor(pki).Refuse(await RawRowAsync(db, a.Runtime.NodeId)).ShouldBeNull();
    }

    private static NodeId Forged(int i) => new("127.0.0.1", LoopbackPorts.Free(), i);

    private static string Address(NodeId node) => $"https://{node.Endpoint}";

    private static NodeId Id(SecureClusterNode node) =>
        NodeId.TryParse(node.Runtime.NodeId, out var id) ? id! : throw new InvalidOperationException(node.Runtime.NodeId);

    private static CertificateMemberAttestor Attestor(Pki pki)
    {
        var dir = pki.Node("verifier-" + Guid.NewGuid().ToString("N"), "127.0.0.1:1");
        var material = new TlsMaterial(new SecurityOptions
        {
            CaFile = pki.CaFile,
            CertFile = Path.Combine(dir, ClusterCa.CertFile),
            KeyFile = Path.Combine(dir, ClusterCa.KeyFile),
        });
        material.Load();
        return new CertificateMemberAttestor(material, new CertificateValidator(() => material.TrustedCas, TimeProvider.System), TimeProvider.System);
    }

    private static byte[] Der(string pemFile) => X509CertificateLoader.LoadCertificateFromFile(pemFile).RawData;

    private static async Task InsertAsync(string db, NodeId node, byte[]? certificate, byte[]? signature)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO cluster_members (cluster_id, node_id, incarnation, address, status, suspect_votes, app_version, started_at, i_am_alive_at,
                                         attestation_certificate, attestation_signature)
            VALUES ('default', $1, $2, $3, 1, '[]', '1', clock_timestamp(), clock_timestamp(), $4, $5)
            """, connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = node.Endpoint });
        insert.Parameters.Add(new NpgsqlParameter { Value = node.Incarnation });
        insert.Parameters.Add(new NpgsqlParameter { Value = Address(node) });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)certificate ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)signature ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<MemberRow> RawRowAsync(string db, string node)
    {
        await using var store = await PostgreSqlClusterStore.OpenAsync(new PostgreSqlJournalOptions { ConnectionString = db }, CancellationToken.None);
        var id = NodeId.TryParse(node, out var parsed) ? parsed! : throw new InvalidOperationException(node);
        return (await store.ReadAsync(CancellationToken.None)).Find(id).ShouldNotBeNull();
    }
}
