using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Diagnostics;

/// <summary>
/// Prometheus scrapes the relay's meter on its own listener; traces name each operation and nothing that identifies a
/// mailbox, a claim, a dropbox location or a client.
/// </summary>
public sealed class TelemetryExportTests
{
    [Fact]
    public async Task Metrics_OnTheMetricsListener_ServeTheRelayInstrumentsAndNothingElse()
    {
        var port = RelayProcess.FreeLoopbackPort();
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:MetricsUrls"] = $"http://127.0.0.1:{port}" });
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);
        var claim = Guid.NewGuid();
        var mailbox = await api.CreateAsync(claim);
        (await api.ReadAsync(mailbox.Id, Guid.NewGuid())).Dispose();
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };

        // The exporter caches a scrape briefly: ask until the counters of this test's requests are in.
        var text = string.Empty;
        var deadline = Stopwatch.StartNew();
        while (!text.Contains("tigress_relay_mailboxes_claimed_total", StringComparison.Ordinal))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"The scrape never showed the claim:\n{text}");
            using var scrape = await scraper.GetAsync("metrics");
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            Assert.Equal("text/plain", scrape.Content.Headers.ContentType?.MediaType);
            text = await scrape.Content.ReadAsStringAsync();
            await Task.Delay(100);
        }

        using var onRelayListener = await http.GetAsync("metrics");
        using var apiOnMetricsListener = await scraper.GetAsync("v1");

        Assert.Contains("tigress_relay_mailboxes_created_total", text, StringComparison.Ordinal);
        Assert.Contains("tigress_relay_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("tigress_operation=\"create\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(mailbox.Id.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(claim.ToString(), text, StringComparison.OrdinalIgnoreCase);
        await MailboxApi.AssertProblemAsync(onRelayListener, 404, "not-found");
        await MailboxApi.AssertProblemAsync(apiOnMetricsListener, 404, "not-found");
    }

    [Fact]
    public async Task Metrics_NotConfigured_AreNotServed()
    {
        await using var relay = await LoopbackRelay.StartAsync();
        using var http = relay.CreateClient();

        using var response = await http.GetAsync("metrics");

        await MailboxApi.AssertProblemAsync(response, 404, "not-found");
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("ftp://127.0.0.1:9464")]
    public async Task Metrics_OnAPortOfZeroOrAnotherScheme_AreRefusedAtStart(string url)
    {
        var error = await Assert.ThrowsAsync<Tigress.Relay.Hosting.RelayConfigurationException>(() =>
            LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:MetricsUrls"] = url }));

        Assert.StartsWith("Relay:MetricsUrls:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_ListenerWithoutAnEndpoint_AreRefusedAtStartNamingThePackage()
    {
        var error = Assert.Throws<Tigress.Relay.Hosting.RelayConfigurationException>(() => Tigress.Relay.Hosting.TigressRelayHost.Build(
            new Dictionary<string, string?> { ["Urls"] = "http://127.0.0.1:0", ["Relay:MetricsUrls"] = "http://127.0.0.1:9464" }));

        Assert.StartsWith("Relay:MetricsUrls:", error.Message, StringComparison.Ordinal);
        Assert.Contains("Tigress.Relay.Prometheus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Traces_OfEveryMailboxAndDropboxOperation_NameTheOperationOnly()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Tigress.Relay",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var relay = await LoopbackRelay.StartAsync();
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var location = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var mailbox = await api.CreateAsync(initiator, rights: "RWD");
        (await api.ReadAsync(mailbox.Id, recipient)).Dispose();
        (await api.WriteAsync(mailbox.Id, initiator)).Dispose();
        (await http.GetAsync($"v1/m/{mailbox.Id}")).Dispose();
        (await api.SendAsync(HttpMethod.Patch, $"v1/m/{mailbox.Id}", recipient)).Dispose();
        (await api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", initiator)).Dispose();
        using (var content = new ByteArrayContent([1, 2, 3]))
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            (await http.PutAsync($"d/{location}", content)).Dispose();
        }

        (await http.GetAsync($"d/{location}")).Dispose();
        (await http.DeleteAsync($"d/{location}")).Dispose();

        string[] operations = ["create", "read", "update", "preview", "relinquish", "delete", "dropbox-put", "dropbox-get", "dropbox-delete"];
        await Eventually.TrueAsync(
            () => operations.All(operation => spans.Any(span => span.DisplayName == "tigress.relay." + operation)),
            "a span of every operation was seen",
            TimeSpan.FromSeconds(30));

        string[] secrets = [mailbox.Id.ToString(), initiator.ToString(), recipient.ToString(), location, "127.0.0.1"];
        foreach (var span in spans)
        {
            Assert.StartsWith("tigress.relay.", span.DisplayName, StringComparison.Ordinal);
            foreach (var (key, value) in span.TagObjects)
            {
                Assert.Contains(key, new[] { "tigress.operation", "http.response.status_code", "tigress.aborted" });
                foreach (var secret in secrets)
                {
                    Assert.DoesNotContain(secret, value?.ToString() ?? string.Empty, StringComparison.OrdinalIgnoreCase);
                }
            }

            Assert.Empty(span.Baggage);
            Assert.Empty(span.Events);
        }
    }

    [Fact]
    public async Task Otlp_EndpointConfigured_ReceivesTheRelaysMetricsAndSpans()
    {
        // A stand-in collector: OTLP over HTTP is a POST of protobuf to /v1/metrics and /v1/traces.
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        var collectorBuilder = WebApplication.CreateSlimBuilder();
        collectorBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = collectorBuilder.Build();
        collector.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue((context.Request.Path.Value!, body.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
        });
        await collector.StartAsync();
        var endpoint = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        using var http = relay.CreateClient();
        var claim = Guid.NewGuid();
        var mailbox = await new MailboxApi(http).CreateAsync(claim);

        bool Saw(string path, string text) => received.Any(request =>
            request.Path == path && Encoding.UTF8.GetString(request.Body).Contains(text, StringComparison.Ordinal));
        await Eventually.TrueAsync(
            () => Saw("/v1/traces", "tigress.relay.create") && Saw("/v1/metrics", "tigress.relay.mailboxes.created"),
            "the collector received the create's span and the relay's metrics",
            TimeSpan.FromSeconds(90));

        var everything = string.Concat(received.Select(request => Encoding.UTF8.GetString(request.Body)));
        Assert.DoesNotContain(mailbox.Id.ToString(), everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(claim.ToString(), everything, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("tigress-relay", everything, StringComparison.Ordinal);
    }
}
