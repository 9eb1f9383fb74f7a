using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Tigress.Relay.Storage;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Diagnostics;

/// <summary>Operators see outcomes in metrics and logs, and never a claim, payload, mailbox id or client address.</summary>
public sealed class ObservabilityTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CapturedLogs _logs = new();
    private LoopbackRelay _relay = null!;
    private MailboxApi _api = null!;

    public async Task InitializeAsync()
    {
        _relay = await LoopbackRelay.StartAsync(
            new Dictionary<string, string?>
            {
                ["Relay:SweepInterval"] = "7.00:00:00",
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            },
            services =>
            {
                services.AddKeyedSingleton<TimeProvider>(Tigress.Relay.Hosting.RelayOptions.ClockServiceKey, _time);
                services.AddSingleton<ILoggerProvider>(_logs);
            });
        _api = new MailboxApi(_relay.CreateClient());
    }

    public async Task DisposeAsync()
    {
        _api.Http.Dispose();
        await _relay.DisposeAsync();
    }

    [Fact]
    public async Task Metrics_CountCreatedClaimedAndEveryWayAMailboxEnds()
    {
        var measurements = new ConcurrentBag<(string Instrument, long Value, string? Outcome)>();
        var durations = new ConcurrentBag<string?>();
        var factory = _relay.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Tigress.Relay" && instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Add((instrument.Name, value, Tag(tags, "tigress.outcome"))));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => durations.Add(Tag(tags, "tigress.operation")));
        listener.Start();

        var byInitiator = Guid.NewGuid();
        var deletedByInitiator = await _api.CreateAsync(byInitiator);
        (await _api.SendAsync(HttpMethod.Delete, $"v1/m/{deletedByInitiator.Id}", byInitiator)).Dispose();

        var recipient = Guid.NewGuid();
        var deletedByRecipient = await _api.CreateAsync(Guid.NewGuid());
        (await _api.ReadAsync(deletedByRecipient.Id, recipient)).Dispose();
        (await _api.SendAsync(HttpMethod.Delete, $"v1/m/{deletedByRecipient.Id}", recipient)).Dispose();

        var expiredClaimed = await _api.CreateAsync(Guid.NewGuid());
        (await _api.ReadAsync(expiredClaimed.Id, Guid.NewGuid())).Dispose();
        await _api.CreateAsync(Guid.NewGuid());
        _time.Advance(TimeSpan.FromHours(49));
        await _relay.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ExpirySweeper>().Single().SweepOnceAsync(default);

        long Sum(string name, string? outcome = null) =>
            measurements.Where(m => m.Instrument == name && (outcome is null || m.Outcome == outcome)).Sum(m => m.Value);
        Assert.Equal(4, Sum("tigress.relay.mailboxes.created"));
        Assert.Equal(2, Sum("tigress.relay.mailboxes.claimed"));
        Assert.Equal(1, Sum("tigress.relay.mailboxes.ended", "deleted_by_initiator"));
        Assert.Equal(1, Sum("tigress.relay.mailboxes.ended", "deleted_by_recipient"));
        Assert.Equal(1, Sum("tigress.relay.mailboxes.ended", "expired_claimed"));
        Assert.Equal(1, Sum("tigress.relay.mailboxes.ended", "expired_unclaimed"));
        Assert.Contains("create", durations);
        Assert.Contains("read", durations);
        Assert.Contains("delete", durations);
    }

    [Fact]
    public async Task Logs_NeverContainClaimsPayloadsMailboxIdsOrClientAddresses()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var data = MailboxApi.SealedData();
        var mailbox = await _api.CreateAsync(initiator, rights: "RWD", data: data);
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();
        (await _api.ReadAsync(mailbox.Id, Guid.NewGuid())).Dispose();
        (await _api.WriteAsync(mailbox.Id, recipient)).Dispose();
        (await _api.SendRawAsync(HttpMethod.Put, $"v1/m/{mailbox.Id}", initiator, "{broken")).Dispose();
        (await _api.Http.GetAsync($"v1/m/{mailbox.Id}")).Dispose();
        (await _api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", initiator)).Dispose();

        var lines = _logs.Lines;
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            Assert.DoesNotContain(initiator.ToString(), line, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(recipient.ToString(), line, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(mailbox.Id.ToString(), line, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(data, line, StringComparison.Ordinal);
        }

        // The client's address appears nowhere; only the startup line names the relay's own listening address.
        Assert.All(lines.Where(l => !l.Contains("listening on", StringComparison.Ordinal)), l => Assert.DoesNotContain("127.0.0.1", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReplayedResponses_AreObservableOnlyAsStatusCodes()
    {
        var claim = Guid.NewGuid();
        var requestId = Guid.NewGuid();
        var body = MailboxApi.CreateBody();
        (await _api.SendAsync(HttpMethod.Post, "v1/m", claim, body, requestId)).Dispose();

        using var replay = await _api.SendAsync(HttpMethod.Post, "v1/m", claim, body, requestId);

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(requestId.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}
