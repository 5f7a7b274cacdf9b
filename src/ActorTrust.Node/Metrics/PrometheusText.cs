using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace ActorTrust.Node.Metrics;

/// <summary>
/// Listens to the ActorTrust meter and renders the Prometheus text exposition format (version 0.0.4):
/// counters as <c>name_total</c>, gauges as their last observed value, dots turned into underscores.
/// </summary>
public sealed class PrometheusText : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), Series> _series = new();

    public PrometheusText(NodeMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);

        // Only this node's meter: several nodes can share a process (tests, the multi-node kit).
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Renders every series, observing gauges first.</summary>
    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var group in _series.OrderBy(s => s.Key.Name, StringComparer.Ordinal).ThenBy(s => s.Key.Labels, StringComparer.Ordinal).GroupBy(s => s.Key.Name))
        {
            var first = group.First().Value;
            var name = group.Key + (first.IsCounter ? "_total" : string.Empty);
            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {first.Description}\n");
            text.Append(CultureInfo.InvariantCulture, $"# TYPE {name} {(first.IsCounter ? "counter" : "gauge")}\n");
            foreach (var (key, series) in group)
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}{key.Labels} {Interlocked.Read(ref series.Value)}\n");
            }
        }

        return text.ToString();
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var key = (instrument.Name.Replace('.', '_'), Labels(tags));
        var isCounter = instrument is Counter<long>;
        var series = _series.GetOrAdd(key, _ => new Series(isCounter, instrument.Description ?? instrument.Name));
        if (isCounter)
        {
            Interlocked.Add(ref series.Value, value);
        }
        else
        {
            Interlocked.Exchange(ref series.Value, value);
        }
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        var parts = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            var value = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty;
            parts.Add($"{tag.Key}=\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"");
        }

        parts.Sort(StringComparer.Ordinal);
        return "{" + string.Join(',', parts) + "}";
    }

    public void Dispose() => _listener.Dispose();

    private sealed class Series(bool isCounter, string description)
    {
        public long Value;

        public bool IsCounter { get; } = isCounter;

        public string Description { get; } = description;
    }
}
