using ActorTrust.Node.Api;
using ActorTrust.Node.Federation;
using ActorTrust.Node.Metrics;
using ActorTrust.Runtime.Cluster.Transport;
using ActorTrust.Node.Security;
using ActorTrust.Runtime.Journal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorTrust.Node.Hosting;

/// <summary>Builds the node's web host: Kestrel on the configured address, the client API, health and metrics.</summary>
public static partial class NodeHost
{
    /// <summary>Starts the runtime (journal open and verified schema) and builds the web application around it.</summary>
    public static async Task<WebApplication> BuildAsync(NodeSettings settings, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        time ??= TimeProvider.System;
        var builder = WebApplication.CreateSlimBuilder();
        var tls = builder.AddNodeSecurity(settings, time); // refuses insecure non-loopback and certificate-less starts before anything opens
        if (settings.Cluster.Enabled && tls.RefuseClusterIdentity(settings.Cluster.Host, settings.Cluster.Listen.Port) is { } refused)
        {
            // Membership rows and leases are keyed by host:port: only the node the certificate names may write them.
            throw new ArgumentException(refused);
        }

        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter("Microsoft", LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.WebHost.UseUrls(settings.Node.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = settings.Node.MaxRequestBodyBytes;
            k.AddServerHeader = false;
            if (settings.Cluster.Enabled)
            {
                ClusterListeners.Configure(k, new Uri(settings.Node.Urls), settings.Cluster.Listen);
            }
        });
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<NodeMetrics>();
        builder.Services.AddSingleton<PrometheusText>();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(settings.Node);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(settings.Sessions);
        builder.Services.AddSingleton(settings.Limits);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower));
        });

        var runtimeLoggers = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true).AddFilter("Microsoft", LogLevel.Warning));
        var runtime = await NodeRuntime.StartAsync(settings, time, runtimeLoggers, cancellationToken, tls.ClusterClientOptions, tls.CurrentCertificate, tls.CreateMemberAttestor(time));
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton<IJournal>(runtime.Journal);
        builder.Services.AddSingleton(runtime.Writer);
        builder.Services.AddHostedService<ClusterService>();
        builder.Services.AddHostedService<CheckpointService>();
        builder.Services.AddHostedService<LivenessService>();
        builder.Services.AddHostedService<Lineages.LineageDeadlineService>();

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            // Kestrel has stopped taking requests: finish queued commands, flush the writer, close the journal.
            runtime.DisposeAsync().AsTask().GetAwaiter().GetResult();
            runtimeLoggers.Dispose();
        });
        var metrics = app.Services.GetRequiredService<NodeMetrics>();
        metrics.Gauge("actortrust.entities.active", "Entities currently loaded, by kind",
            () => runtime.Registries.Select(r => new System.Diagnostics.Metrics.Measurement<long>(r.ActiveCount, new KeyValuePair<string, object?>("kind", r.Kind))));
        metrics.Gauge("actortrust.journal.batches", "Group-commit transactions written since start",
            () => [new System.Diagnostics.Metrics.Measurement<long>(runtime.Writer.BatchesWritten)]);
        metrics.Gauge("actortrust.lineage.deadlines.indexed", "Lineages with a running clock in this node's deadline index",
            () => [new System.Diagnostics.Metrics.Measurement<long>(runtime.LineageDeadlines.Count)]);
        if (runtime.Cluster is { } clustered)
        {
            var node = clustered.Node;
            metrics.Gauge("actortrust.cluster.shards.held", "Shard leases this node holds, by kind",
                () => node.Leases.Held.GroupBy(h => h.Kind, StringComparer.Ordinal)
                    .Select(g => new System.Diagnostics.Metrics.Measurement<long>(g.Count(), new KeyValuePair<string, object?>("kind", g.Key))));
            metrics.Gauge("actortrust.cluster.indirect_probe.saves", "Suspicion votes not cast because another member reached the suspect since start",
                () => [new System.Diagnostics.Metrics.Measurement<long>(node.Membership.IndirectProbeSaves)]);
        }

        app.Services.GetRequiredService<PrometheusText>();

        app.UseExceptionHandler(errors => errors.Run(ApiErrors.HandleAsync));
        app.UseStatusCodePages();
        app.UseNodeSecurity();
        MapOperational(app);
        if (runtime.Cluster is { } cluster)
        {
            // Node-to-node traffic only on the cluster listener (HTTP/2), never on the client API port.
            app.MapGroup(string.Empty).RequireHost($"*:{cluster.Settings.Listen.Port}").MapClusterTransport(cluster.Receiver, cluster.Settings.Routing.Limits,
                app.Services.GetRequiredService<ActorTrust.Runtime.Cluster.Transport.IClusterPeerAuthenticator>(), cluster.Node.Relay);
        }

        ClusterStatusEndpoints.Map(app);
        var api = app.MapGroup(string.Empty).AddEndpointFilter(InputErrors.FilterAsync);
        EventEndpoints.Map(api);
        DomainEndpoints.Map(api);
        DomainCertificationEndpoints.Map(api);
        AgentEndpoints.Map(api);
        SessionEndpoints.Map(api);
        ContractEndpoints.Map(api);
        PeerEndpoints.Map(api);
        LineageEndpoints.Map(api);
        LogStarted(app.Logger, runtime.NodeId, settings.Node.Urls, settings.Node.DataDir);
        return app;
    }

    private static void MapOperational(WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (NodeRuntime runtime) => runtime.Cluster is { } cluster && !cluster.Node.Membership.SelfActive
            ? Results.Json(new { ready = false, node = runtime.NodeId, status = cluster.Node.Membership.SelfStatus?.ToString().ToLowerInvariant() ?? "starting" }, statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Json(new { ready = true, node = runtime.NodeId }));
        app.MapGet("/metrics", (PrometheusText text) => Results.Text(text.Render(), "text/plain; version=0.0.4"));
        app.MapPost("/v1/audit/checkpoints", async (NodeRuntime runtime, CancellationToken ct) =>
        {
            var stored = await runtime.Checkpointer.CheckpointAsync(ct);
            // The signed envelope is returned so an auditor can keep it outside the node (audit verify --checkpoint).
            return Results.Json(stored is null
                ? new { stored = false, seq_nr = (long?)null, global_position = (long?)null, heads_root = (string?)null, envelope = (System.Text.Json.Nodes.JsonNode?)null }
                : new
                {
                    stored = true,
                    seq_nr = (long?)stored.SeqNr,
                    global_position = (long?)stored.Checkpoint.GlobalPosition,
                    heads_root = (string?)stored.Checkpoint.HeadsRoot.ToString(),
                    envelope = System.Text.Json.Nodes.JsonNode.Parse(Core.Envelopes.EnvelopeJson.Serialize(stored.Envelope)),
                });
        });
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "ActorTrust node {NodeId} listening on {Urls} (data in {DataDir})")]
    private static partial void LogStarted(ILogger logger, string nodeId, string urls, string dataDir);
}
