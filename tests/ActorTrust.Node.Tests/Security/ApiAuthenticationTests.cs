using System.Net;
using System.Text;
using System.Text.Json;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ActorTrust.Node.Tests.Security;

/// <summary>The client API of a secure node over real TLS 1.3: credentials, roles, revocation, expiry.</summary>
public sealed class ApiAuthenticationTests
{
    private static readonly StringContent EmptyDomain = new("{}", Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_client_without_credentials_gets_401_problem_json_and_nothing_is_written()
    {
        await using var node = await SecureNode.StartAsync();
        using var http = node.Http();
        var before = await JournalHeadAsync(node);

        using var response = await http.PostAsync(new Uri("v1/audit/checkpoints", UriKind.Relative), new StringContent(string.Empty));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await CodeOf(response)).ShouldBe("Unauthenticated");
        (await JournalHeadAsync(node)).ShouldBe(before);
    }

    [Fact]
    public async Task A_reader_sending_a_command_gets_403_and_nothing_is_written()
    {
        await using var node = await SecureNode.StartAsync();
        using var http = node.Http(node.Token("dashboard", ApiRole.Reader));
        var before = await JournalHeadAsync(node);

        using var command = await http.PostAsync(new Uri("v1/audit/checkpoints", UriKind.Relative), new StringContent(string.Empty));
        using var domain = await http.PostAsync(new Uri("v1/domains", UriKind.Relative), EmptyDomain);
        using var query = await http.GetAsync(new Uri("v1/events", UriKind.Relative));

        command.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CodeOf(command)).ShouldBe("Forbidden");
        domain.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        query.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JournalHeadAsync(node)).ShouldBe(before);
    }

    [Fact]
    public async Task An_operator_may_send_commands_but_not_administer_federation()
    {
        await using var node = await SecureNode.StartAsync();
        using var http = node.Http(node.Token("deployer", ApiRole.Operator));

        using var command = await http.PostAsync(new Uri("v1/audit/checkpoints", UriKind.Relative), new StringContent(string.Empty));
        using var contract = await http.PostAsync(new Uri("v1/contracts", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));

        command.StatusCode.ShouldBe(HttpStatusCode.OK);
        contract.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_revoked_token_stops_working_on_the_next_request()
    {
        await using var node = await SecureNode.StartAsync();
        var secret = node.Token("ci", ApiRole.Reader);
        using var http = node.Http(secret);
        (await http.GetAsync(new Uri("v1/events", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        TokenFile.Revoke(node.TokensFile, "ci", node.Clock.GetUtcNow()).ShouldBe(1);
        using var after = await http.GetAsync(new Uri("v1/events", UriKind.Relative));

        after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await after.Content.ReadAsStringAsync()).ShouldContain("revoked");
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        await using var node = await SecureNode.StartAsync();
        using var http = node.Http(node.Token("temp", ApiRole.Reader, TimeSpan.FromHours(1)));
        (await http.GetAsync(new Uri("v1/events", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        node.Clock.Advance(TimeSpan.FromHours(2));
        using var after = await http.GetAsync(new Uri("v1/events", UriKind.Relative));

        after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await after.Content.ReadAsStringAsync()).ShouldContain("expired");
    }

    [Fact]
    public async Task An_unknown_token_is_refused_and_never_echoed()
    {
        await using var node = await SecureNode.StartAsync();
        node.Token("someone", ApiRole.Admin);
        const string guess = "atk_guessed-secret-value-0000000000000000000";
        using var http = node.Http(guess);

        using var response = await http.GetAsync(new Uri("v1/events", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain(guess);
    }

    [Fact]
    public async Task A_client_certificate_from_the_cluster_ca_carries_its_principal_and_role()
    {
        await using var node = await SecureNode.StartAsync();
        using var reader = node.Pki.Client("auditor", ApiRole.Reader);
        using var operatorCert = node.Pki.Client("deployer", ApiRole.Operator);
        using var asReader = node.Http(certificate: reader);
        using var asOperator = node.Http(certificate: operatorCert);

        (await asReader.GetAsync(new Uri("v1/events", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await asReader.PostAsync(new Uri("v1/audit/checkpoints", UriKind.Relative), new StringContent(string.Empty))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await asOperator.PostAsync(new Uri("v1/audit/checkpoints", UriKind.Relative), new StringContent(string.Empty))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_expired_client_certificate_is_refused()
    {
        await using var node = await SecureNode.StartAsync();
        using var expired = node.Pki.Client("old", ApiRole.Admin, node.Clock.GetUtcNow().AddDays(-10), TimeSpan.FromDays(1));
        using var http = node.Http(certificate: expired);

        using var response = await http.GetAsync(new Uri("v1/events", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("expired");
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_refused()
    {
        await using var node = await SecureNode.StartAsync();
        using var otherPki = new Pki(node.Clock.GetUtcNow(), "Other CA");
        using var foreign = otherPki.Client("intruder", ApiRole.Admin);
        using var http = node.Http(certificate: foreign);

        using var response = await http.GetAsync(new Uri("v1/events", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("does not chain to the cluster CA");
    }

    [Fact]
    public async Task Health_probes_need_no_credentials_and_metrics_count_failures_without_secrets()
    {
        await using var node = await SecureNode.StartAsync();
        var secret = node.Token("prom", ApiRole.Reader);
        using var anonymous = node.Http();
        using var wrong = node.Http(secret + "x");
        using var reader = node.Http(secret);

        (await anonymous.GetAsync(new Uri("healthz", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync(new Uri("metrics", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.GetAsync(new Uri("v1/events", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var metrics = await reader.GetStringAsync(new Uri("metrics", UriKind.Relative));

        metrics.ShouldContain("actortrust_auth_failures_total{reason=\"missing\",surface=\"api\"} 1");
        metrics.ShouldContain("actortrust_auth_failures_total{reason=\"token_unknown\",surface=\"api\"} 1");
        metrics.ShouldNotContain(secret);
    }

    [Fact]
    public async Task Every_mapped_route_has_a_declared_role()
    {
        await using var node = await SecureNode.StartAsync();
        var routes = node.App.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .ToList();

        routes.Count.ShouldBeGreaterThan(40);
        routes.Where(r => !EndpointRoles.IsClassified(r.Method, r.Pattern)).ShouldBeEmpty();
    }

    private static async Task<string?> CodeOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("code").GetString();
    }

    private static async Task<long> JournalHeadAsync(SecureNode node)
    {
        var runtime = node.App.Services.GetRequiredService<NodeRuntime>();
        var page = await runtime.Journal.ReadFeedAsync(0, 10_000, new ActorTrust.Runtime.Journal.FeedFilter(), CancellationToken.None);
        return page.Count;
    }
}
