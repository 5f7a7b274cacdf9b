using System.Diagnostics;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>Collects per-operation latencies (Stopwatch ticks) and reports percentiles in milliseconds.</summary>
internal sealed class Latencies
{
    private readonly List<long> _ticks = [];
    private readonly Lock _gate = new();

    public int Count => _ticks.Count;

    public void AddRange(IEnumerable<long> ticks)
    {
        lock (_gate)
        {
            _ticks.AddRange(ticks);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _ticks.Clear();
        }
    }

    /// <summary>The <paramref name="percentile"/> (0–100) in milliseconds.</summary>
    public double Milliseconds(double percentile)
    {
        lock (_gate)
        {
            if (_ticks.Count == 0)
            {
                return double.NaN;
            }

            _ticks.Sort();
            var index = (int)Math.Round(percentile / 100 * (_ticks.Count - 1));
            return _ticks[index] * 1000.0 / Stopwatch.Frequency;
        }
    }
}
