using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tigress.Client.Diagnostics;
using Tigress.Client.Mailbox;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Protocol.Mailbox;
using Tigress.Testing;

namespace Tigress.Client.Tests.Diagnostics;

/// <summary>The SDK's logs, spans and metrics over a real loopback relay: they name the steps, never a secret.</summary>
public sealed class ClientDiagnosticsTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private const string Credential = "door code 8080-7c1f";

    [Theory]
    [InlineData(null)]
    [InlineData("48291375")]
    public async Task ShareAndReceive_LogsNameTheSteps_AndNoSecret(string? pin)
    {
        using var logs = new CapturedLogs();
        using var loggers = logs.CreateFactory();
        var options = Clients.FastRetries;
        options.LoggerFactory = loggers;

        // The initiator logs through its client's options, the recipient through its session's.
        using var initiatorClient = new MailboxClient(options);
        using var initiator = await Shares.TextAsync(fixture.BaseUri, Credential, initiatorClient, pin: pin);
        using var url = await Shares.CreateMailboxAsync(initiator);
        var link = url.GetLink();
        var recipientOptions = new TransferSessionOptions { LoggerFactory = loggers };
        using var recipient = pin is null ? Shares.Receive(url, options: recipientOptions) : Shares.ReceiveWithPin(url, pin, options: recipientOptions);
        var secrets = Secrets(initiator, recipient, url, link, pin);

        var (sent, received) = await Shares.RunBothAsync(initiator, recipient);

        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal(Credential, Encoding.UTF8.GetString(received.Content!));
        var lines = logs.Lines;
        Assert.Contains(lines, line => line.Contains("TransferSession", StringComparison.Ordinal) && line.Contains("Initiator): MailboxCreated", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Recipient): MessageReceived #0", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Initiator): Completed", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Recipient): Completed", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("mailbox POST: HTTP 200", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("mailbox GET: attempt 1", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("mailbox event stream: open", StringComparison.Ordinal));
        if (pin is not null)
        {
            Assert.Contains(lines, line => line.Contains("PinMatched", StringComparison.Ordinal));
        }

        foreach (var line in lines)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, line, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task ShareAndReceive_SpansAndMeasurements_NameTheStepsAndNoIds()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TigressClientDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);
        var measurements = new ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == TigressClientDiagnostics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        meters.Start();

        using var initiator = await Shares.TextAsync(fixture.BaseUri, Credential);
        using var url = await Shares.CreateMailboxAsync(initiator);
        var link = url.GetLink();
        using var recipient = Shares.Receive(url);
        var secrets = Secrets(initiator, recipient, url, link, pin: null);
        var (sent, received) = await Shares.RunBothAsync(initiator, recipient);
        Assert.Equal(TransferStatus.Completed, received.Status);

        var mine = spans.ToArray();
        Assert.Contains(mine, span => span.DisplayName == "transfer step" && Equals(span.GetTagItem("tigress.role"), "initiator"));
        Assert.Contains(mine, span => span.DisplayName == "transfer step" && Equals(span.GetTagItem("tigress.role"), "recipient"));
        Assert.Contains(mine, span => span.DisplayName == "mailbox POST" && Equals(span.GetTagItem("http.response.status_code"), 200));
        Assert.Contains(mine, span => span.DisplayName == "mailbox DELETE");

        // Requests of this transfer are children of its steps.
        Assert.Contains(mine, span => span.DisplayName == "mailbox PUT" && span.Parent?.DisplayName == "transfer step");
        foreach (var span in mine)
        {
            Assert.DoesNotContain("/v1/m/", span.DisplayName, StringComparison.Ordinal);
            foreach (var (_, value) in span.TagObjects)
            {
                foreach (var secret in secrets)
                {
                    Assert.DoesNotContain(secret, value?.ToString() ?? string.Empty, StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        meters.RecordObservableInstruments();
        var measured = measurements.ToArray();
        Assert.Contains(measured, m => m.Instrument == "tigress.client.requests" && m.Tags.Contains(new("http.request.method", "POST")));
        Assert.Contains(measured, m => m.Instrument == "tigress.client.request.duration" && m.Value >= 0);
        Assert.Contains(measured, m => m.Instrument == "tigress.client.transfers"
            && m.Tags.Contains(new("tigress.role", "recipient")) && m.Tags.Contains(new("tigress.status", "Completed")));
        foreach (var measurement in measured)
        {
            foreach (var (_, value) in measurement.Tags)
            {
                foreach (var secret in secrets)
                {
                    Assert.DoesNotContain(secret, value?.ToString() ?? string.Empty, StringComparison.OrdinalIgnoreCase);
                }
            }
        }
    }

    [Fact]
    public async Task AddTigressClient_LogsToTheContainersLoggerFactory()
    {
        using var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddTigressClient();
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<TigressClient>();

        var capabilities = await client.GetCapabilitiesAsync(fixture.BaseUri);

        Assert.True(capabilities.MaxPayloadBytes > 0);
        Assert.Contains(logs.Lines, line => line.Contains("MailboxClient", StringComparison.Ordinal) && line.Contains("mailbox GET: HTTP 200", StringComparison.Ordinal));
    }

    /// <summary>What must never appear: the link and its key, the mailbox id, both claims, the PIN, the credential.</summary>
    private static List<string> Secrets(TransferSession initiator, TransferSession recipient, ShareUrl url, string link, string? pin)
    {
        var secrets = new List<string>
        {
            link,
            link[(link.IndexOf('#', StringComparison.Ordinal) + 1)..],
            url.MailboxId,
            Credential,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Credential)),
        };
        foreach (var session in new[] { initiator, recipient })
        {
            using var state = JsonDocument.Parse(session.GetState().ToJson());
            secrets.Add(state.RootElement.GetProperty("claim").GetString()!);
            secrets.Add(state.RootElement.GetProperty("key").GetString()!);
        }

        if (pin is not null)
        {
            secrets.Add(pin);
        }

        return secrets;
    }
}
