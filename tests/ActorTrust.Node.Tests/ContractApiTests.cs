namespace ActorTrust.Node.Tests;

public sealed class ContractApiTests
{
    [Fact]
    public async Task A_published_text_is_immutable_and_its_digest_is_served()
    {
        await using var federation = await Federation.StartAsync();
        var client = federation.Node.Client;
        var digest = await federation.PublishContractAsync();

        var other = await client.PublishContractAsync(1, "another text", federation.OperatorKey);
        var shown = (await client.GetContractAsync(1)).ShouldNotBeNull();

        other.Accepted.ShouldBeFalse();
        other.Code.ShouldNotBeNull();
        shown.GetProperty("digest").GetString().ShouldBe(digest);
        shown.GetProperty("status").GetString().ShouldBe("published");
    }

    [Fact]
    public async Task Latest_skips_deprecated_versions_and_a_deprecated_version_cannot_be_agreed_to()
    {
        await using var federation = await Federation.StartAsync();
        var client = federation.Node.Client;
        var v1 = await federation.PublishContractAsync(1);
        var v2 = await federation.PublishContractAsync(2);
        (await client.DeprecateContractAsync(2, "superseded draft", federation.OperatorKey)).Accepted.ShouldBeTrue();
        var token = await federation.ProposeAsync("peer-one");

        var latest = (await client.GetLatestContractAsync()).ShouldNotBeNull();
        var accept = await client.AcceptPeerAsync("peer-one", token, 2, v2, federation.PeerKey);

        latest.GetProperty("digest").GetString().ShouldBe(v1);
        accept.Code.ShouldBe("ContractVersionDeprecated");
    }

    [Fact]
    public async Task Unpublished_versions_and_an_empty_registry_answer_404()
    {
        await using var federation = await Federation.StartAsync();

        (await federation.Node.Client.GetContractAsync(3)).ShouldBeNull();
        (await federation.Node.Client.GetLatestContractAsync()).ShouldBeNull();
    }
}
