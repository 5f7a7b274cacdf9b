namespace ActorTrust.Cli.Tests;

public sealed class ClusterCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Cluster_status_of_an_embedded_node_says_it_holds_every_shard_itself()
    {
        await using var node = await TestNode.StartAsync();

        var status = await _cli.Run("cluster", "status", "--node", node.Url);
        var json = await _cli.Run("cluster", "status", "--node", node.Url, "--json");

        status.Exit.ShouldBe(0, status.Err);
        status.Out.ShouldContain("mode:  embedded");
        json.Out.ShouldContain("\"mode\": \"embedded\"");
    }

    [Fact]
    public async Task Cluster_status_against_no_node_fails_with_a_clear_error()
    {
        var status = await _cli.Run("cluster", "status", "--node", "http://127.0.0.1:1");

        status.Exit.ShouldNotBe(0);
        (status.Out + status.Err).ShouldContain("127.0.0.1:1");
    }
}

public sealed class AuditPostgreSqlOptionTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Audit_verify_refuses_an_export_and_a_postgresql_journal_at_once()
    {
        File.WriteAllText(_cli.PathOf("journal.jsonl"), string.Empty);

        var verify = await _cli.Run("audit", "verify", "--export", _cli.PathOf("journal.jsonl"), "--postgresql", "Host=127.0.0.1;Port=1");

        verify.Exit.ShouldNotBe(0);
        (verify.Out + verify.Err).ShouldContain("either --export or --postgresql");
    }
}
