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
