using System.Diagnostics.Metrics;

namespace ActorTrust.Node.Metrics;

/// <summary>
/// The node's instruments, on the <c>ActorTrust</c> meter (so OpenTelemetry can collect them too), named
/// <c>actortrust.*</c>. <see cref="PrometheusText"/> renders them at <c>/metrics</c>.
/// </summary>
public sealed class NodeMetrics : IDisposable
{
    public const string MeterName = "ActorTrust";

    private readonly Meter _meter;

    public NodeMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        Commands = _meter.CreateCounter<long>("actortrust.commands", description: "Commands processed, by kind and outcome");
        EventsAppended = _meter.CreateCounter<long>("actortrust.events.appended", description: "Events made durable, by kind");
        HttpProblems = _meter.CreateCounter<long>("actortrust.http.problems", description: "Requests answered with a problem, by code");
    }

    internal Meter Meter => _meter;

    public Counter<long> Commands { get; }

    public Counter<long> EventsAppended { get; }

    public Counter<long> HttpProblems { get; }

    /// <summary>Registers an observable gauge on the node meter.</summary>
    public void Gauge(string name, string description, Func<IEnumerable<Measurement<long>>> observe) =>
        _meter.CreateObservableGauge(name, observe, description: description);

    public void Dispose() => _meter.Dispose();
}
