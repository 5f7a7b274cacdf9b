namespace ActorTrust.Runtime.Tests.Cluster.Transport;

/// <summary>The in-memory hub's <c>DropRate</c>: a seeded fraction of one direction's requests is lost.</summary>
public sealed class HubDropRateTests
{
    [Fact]
    public async Task A_drop_rate_of_one_loses_every_request_one_way_until_zero_heals_the_link()
    {
        await using var cluster = new RoutingCluster();
        var (a, b) = (cluster.AddNode(7001), cluster.AddNode(7002));
        cluster.Hub.DropRate(a.Id, b.Id, 1.0);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1), cluster.Time);
        var lost = cluster.Hub.ProbeFor(a.Id).ProbeAsync(b.Id, deadline.Token);
        lost.IsCompleted.ShouldBeFalse(); // a lost request waits for the sender's deadline
        cluster.Time.Advance(TimeSpan.FromSeconds(1));

        (await lost.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeFalse();
        (await cluster.Hub.ProbeFor(b.Id).ProbeAsync(a.Id, CancellationToken.None)).ShouldBeTrue(); // the other direction is untouched
        cluster.Hub.DropRate(a.Id, b.Id, 0);
        (await cluster.Hub.ProbeFor(a.Id).ProbeAsync(b.Id, CancellationToken.None)).ShouldBeTrue();
        cluster.Hub.RequestsDropped.ShouldBe(1);
    }

    [Fact]
    public async Task The_same_seed_loses_the_same_requests()
    {
        var first = await DropPattern(seed: 3);
        var again = await DropPattern(seed: 3);

        again.ShouldBe(first);
        first.Count(lost => lost).ShouldBeInRange(5, 35); // about half of 40
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public async Task A_drop_rate_that_is_not_a_probability_is_refused_and_changes_nothing(double probability)
    {
        await using var cluster = new RoutingCluster();
        var (a, b) = (cluster.AddNode(7001), cluster.AddNode(7002));

        Should.Throw<ArgumentOutOfRangeException>(() => cluster.Hub.DropRate(a.Id, b.Id, probability)).Message.ShouldContain("probability between 0 and 1");

        (await cluster.Hub.ProbeFor(a.Id).ProbeAsync(b.Id, CancellationToken.None)).ShouldBeTrue();
        cluster.Hub.RequestsDropped.ShouldBe(0);
    }

    // Which of 40 probes a 50% drop rate loses (a lost probe fails at once: its deadline has already passed).
    private static async Task<List<bool>> DropPattern(int seed)
    {
        await using var cluster = new RoutingCluster();
        var (a, b) = (cluster.AddNode(7001), cluster.AddNode(7002));
        cluster.Hub.DropRate(a.Id, b.Id, 0.5, seed);
        using var passed = new CancellationTokenSource();
        await passed.CancelAsync();
        var lost = new List<bool>();
        for (var i = 0; i < 40; i++)
        {
            lost.Add(!await cluster.Hub.ProbeFor(a.Id).ProbeAsync(b.Id, passed.Token));
        }

        return lost;
    }
}
