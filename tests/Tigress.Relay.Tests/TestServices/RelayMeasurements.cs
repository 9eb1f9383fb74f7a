using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Tigress.Relay.Tests.TestServices;

/// <summary>Counts one relay's counter measurements by instrument and <c>tigress.outcome</c> tag.</summary>
internal sealed class RelayMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string? Outcome), long> _sums = new();

    public RelayMeasurements(IServiceProvider relayServices)
    {
        var factory = relayServices.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Tigress.Relay" && instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "tigress.outcome")
                {
                    outcome = tag.Value as string;
                }
            }

            _sums.AddOrUpdate((instrument.Name, outcome), value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    public long Sum(string instrument, string? outcome) => _sums.TryGetValue((instrument, outcome), out var sum) ? sum : 0;

    /// <summary>Push attempts that ended with <paramref name="outcome"/>: delivered, retry, gone or failed.</summary>
    public long Pushes(string outcome) => Sum("tigress.relay.push.attempts", outcome);

    /// <summary>Wake-ups never sent: collapsed, dropped or refused.</summary>
    public long Skipped(string outcome) => Sum("tigress.relay.push.skipped", outcome);

    public void Dispose() => _listener.Dispose();
}
