using System.Net;
using System.Text;

namespace ActorTrust.Node.Tests;

public sealed class DomainApiTests
{
    [Fact]
    public async Task Created_domain_can_be_read_back_and_answers_which_key_held_which_role()
    {
        await using var node = await NodeFixture.StartAsync();

        var outcome = await node.Client.CreateDomainAsync(node.Trust.CreateDomainEnvelope(), "create-1");
        var domain = await node.Client.GetDomainAsync("example.org");

        outcome.Accepted.ShouldBeTrue(outcome.Detail);
        outcome.Events.ShouldBe(["domain.created.v1"]);
        domain.ShouldNotBeNull().GetProperty("current_version").GetInt64().ShouldBe(1);
        var publisher = node.Trust.Publisher.PublicKey.KeyId.ToString();
        (await node.Client.KeyHeldRoleAsync("example.org", publisher, "publisher", 1)).ShouldBeTrue();
        (await node.Client.KeyHeldRoleAsync("example.org", publisher, "auditor", 1)).ShouldBeFalse();
    }

    [Fact]
    public async Task Resubmitting_the_current_manifest_under_a_new_command_id_is_accepted_without_new_events()
    {
        await using var node = await NodeFixture.StartAsync();
        await node.Client.CreateDomainAsync(node.Trust.CreateDomainEnvelope(), "create-1");

        var again = await node.Client.CreateDomainAsync(node.Trust.CreateDomainEnvelope(), "create-2");

        again.Accepted.ShouldBeTrue();
        again.Events.ShouldBeEmpty();
        (await node.Client.GetFeedPageAsync()).Events.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Retried_command_id_is_answered_as_a_duplicate_and_writes_nothing()
    {
        await using var node = await NodeFixture.StartAsync();
        var envelope = node.Trust.CreateDomainEnvelope();
        await node.Client.CreateDomainAsync(envelope, "create-1");

        var retry = await node.Client.CreateDomainAsync(envelope, "create-1");

        retry.Accepted.ShouldBeTrue();
        retry.Duplicate.ShouldBeTrue();
        (await node.Client.GetFeedPageAsync()).Events.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Create_with_a_different_manifest_for_an_existing_domain_is_refused_and_writes_nothing()
    {
        await using var node = await NodeFixture.StartAsync();
        using var rival = new ActorTrust.TestKit.Trust.TrustScenario("example.org", seed: 2);
        await node.Client.CreateDomainAsync(node.Trust.CreateDomainEnvelope(), "create-1");

        var again = await node.Client.CreateDomainAsync(rival.CreateDomainEnvelope(), "create-2");

        again.Accepted.ShouldBeFalse();
        again.Code.ShouldBe("DomainExists");
        again.Status.ShouldBe(409);
        (await node.Client.GetFeedPageAsync()).Events.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Manifest_signed_by_one_root_of_a_threshold_of_two_is_refused()
    {
        await using var node = await NodeFixture.StartAsync();
        var oneSignature = ActorTrust.Core.Domains.DomainManifestSigning.SignToJson(node.Trust.DomainV1,
            new ActorTrust.Core.Envelopes.Ed25519EnvelopeSigner(node.Trust.Root(0)));

        var outcome = await node.Client.CreateDomainAsync(oneSignature);

        outcome.Accepted.ShouldBeFalse();
        outcome.Code.ShouldBe("SignatureThresholdNotMet");
        outcome.Status.ShouldBe(422);
        (await node.Client.GetDomainAsync("example.org")).ShouldBeNull();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"envelope":{},"envelope":{}}""")]
    [InlineData("""{"envelope":{"payload":"e30=","payloadType":"x","signatures":[{"sig":"AA=="}]},"extra":1}""")]
    [InlineData("""{"command_id":"x"}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"envelope":{"payload":"!!","payloadType":"x","signatures":[{"sig":"AA=="}]}}""")]
    [InlineData("\uFEFF{}")]
    public async Task Malformed_request_bodies_get_400_and_change_nothing(string body)
    {
        await using var node = await NodeFixture.StartAsync();

        using var response = await node.Http.PostAsync(new Uri("v1/domains", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"MalformedRequest\"");
        (await node.Client.GetFeedPageAsync()).Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task Oversize_body_gets_413_and_changes_nothing()
    {
        await using var node = await NodeFixture.StartAsync(maxBody: 4096);
        var body = $$"""{"command_id":"{{new string('x', 10_000)}}"}""";

        using var response = await node.Http.PostAsync(new Uri("v1/domains", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await node.Client.GetFeedPageAsync()).Events.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("v1/domains/Not_A_Domain")]
    [InlineData("v1/domains/example.org/key-roles?key_id=sha256:zz&role=publisher")]
    [InlineData("v1/domains/example.org/key-roles?key_id=sha256:0000000000000000000000000000000000000000000000000000000000000000&role=king")]
    [InlineData("v1/agents/not-a-spiffe-id")]
    public async Task Invalid_ids_and_query_values_get_400(string path)
    {
        await using var node = await NodeFixture.StartAsync();

        using var response = await node.Http.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
