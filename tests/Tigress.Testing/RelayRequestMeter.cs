using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Tigress.Testing;

/// <summary>
/// Counts what one in-process relay served, from its own metrics: requests answered per operation (<c>read</c>,
/// <c>update</c>, <c>events</c>...) and event streams open now. Only that relay's instruments are heard, so relays of
/// other tests running at the same time do not count.
/// </summary>
public sealed class RelayRequestMeter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, int> _completed = [];
    private long _openStreams;

    public RelayRequestMeter(LoopbackRelay relay)
    {
        var factory = relay.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Tigress.Relay" && ReferenceEquals(instrument.Meter.Scope, factory)
                && instrument.Name is "tigress.relay.request.duration" or "tigress.relay.events.streams")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "tigress.operation" && tag.Value is string operation)
                {
                    lock (_completed)
                    {
                        _completed[operation] = _completed.GetValueOrDefault(operation) + 1;
                    }
                }
            }
        });
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _openStreams, value));
        _listener.Start();
    }

    /// <summary>Event streams open on the relay now (counted from when this meter started).</summary>
    public long OpenStreams => Interlocked.Read(ref _openStreams);

    /// <summary>How many requests of <paramref name="operation"/> the relay has answered since this meter started;
    /// a long poll or a stream counts when it ends.</summary>
    public int Completed(string operation)
    {
        lock (_completed)
        {
            return _completed.GetValueOrDefault(operation);
        }
    }

    public void Dispose() => _listener.Dispose();
}
