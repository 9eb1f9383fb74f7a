using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tigress.Relay.Notifications;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Notifications;

/// <summary>
/// A relay without the test flag never posts to its own machine: a loopback endpoint is refused when registered
/// (400), and a name that resolves to loopback or a private address is accepted, then dropped at delivery. The
/// push service played on loopback must see no request at all. Names resolve from a table, never from DNS.
/// </summary>
public sealed class PushSsrfTests : IAsyncLifetime
{
    private readonly TestPushNames _names = new();
    private readonly CapturedLogs _logs = new();
    private LoopbackRelay _relay = null!;
    private FakePushService _push = null!;
    private MailboxApi _api = null!;
    private RelayMeasurements _measurements = null!;

    public async Task InitializeAsync()
    {
        _push = await FakePushService.StartAsync();
        _relay = await LoopbackRelay.StartAsync(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" },
            services =>
            {
                services.AddSingleton<IPushAddressResolver>(_names);
                services.AddSingleton<ILoggerProvider>(_logs);
            });
        _api = new MailboxApi(_relay.CreateClient());
        _measurements = new RelayMeasurements(_relay.Services);
    }

    public async Task DisposeAsync()
    {
        _measurements.Dispose();
        _api.Http.Dispose();
        await _relay.DisposeAsync();
        await _push.DisposeAsync();
    }

    [Theory]
    [InlineData("https://127.0.0.1:{port}/push/a")]
    [InlineData("https://[::1]:{port}/push/a")]
    [InlineData("http://127.0.0.1:{port}/push/a")]
    [InlineData("https://localhost:{port}/push/a")]
    [InlineData("https://localhost.:{port}/push/a")]
    [InlineData("https://foo.localhost.:{port}/push/a")]
    [InlineData("https://127\u30020\u30020\u30021:{port}/push/a")]
    [InlineData("https://\u2460\u2461\u2466.0.0.1:{port}/push/a")]
    [InlineData("https://push.example.org:0/push/a")]
    public async Task Register_LoopbackEndpoint_Is400_AndThePushServiceHearsNothing(string template)
    {
        using var device = new TestSubscription(template.Replace("{port}", _push.BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var body = MailboxApi.CreateBody();
        body["notificationToken"] = device.Token();

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
        await _push.ExpectNoneAsync("a", TimeSpan.FromMilliseconds(200));
    }

    [Theory]
    [InlineData("rebind.test", "127.0.0.1")]
    [InlineData("internal.test", "10.0.0.5")]
    [InlineData("metadata.test", "169.254.169.254")]
    [InlineData("v6.test", "::1")]
    public async Task Deliver_NameResolvingToANonPublicAddress_IsDroppedAtSend_AndNothingIsContacted(string host, string address)
    {
        _names.Add(host, IPAddress.Parse(address));
        var endpoint = $"https://{host}:{_push.BaseUri.Port}/push/{host}";
        using var device = new TestSubscription(endpoint);
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RW");
        using (var claim = await _api.SendAsync(HttpMethod.Post, $"v1/m/{mailbox.Id}", Guid.NewGuid(), new JsonObject { ["notificationToken"] = device.Token() }))
        {
            Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        }

        var refusedBefore = _measurements.Skipped("refused");
        var logsBefore = _logs.Lines.Count;
        (await _api.WriteAsync(mailbox.Id, initiator)).Dispose();

        await Eventually.TrueAsync(() => _measurements.Skipped("refused") > refusedBefore, "the relay refused the endpoint");
        await _push.ExpectNoneAsync(host, TimeSpan.FromMilliseconds(200));
        Assert.Equal(0, _push.Unread);
        // What the relay logged from the write on (its start line names its own listening address).
        var lines = string.Join('\n', _logs.Lines.Skip(logsBefore));
        Assert.Contains("Refused a push endpoint", lines, StringComparison.Ordinal);
        Assert.DoesNotContain(host, lines, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(address, lines, StringComparison.Ordinal);
        Assert.DoesNotContain(mailbox.Id.ToString(), lines, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(device.Auth, lines, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_ManyRefusedEndpoints_LogOneWarningAMinute_AndCountEvery()
    {
        _names.Add("many.test", IPAddress.Parse("10.0.0.9"));
        var endpoint = $"https://many.test:{_push.BaseUri.Port}/push/many";
        using var device = new TestSubscription(endpoint);
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RW");
        using (var claim = await _api.SendAsync(HttpMethod.Post, $"v1/m/{mailbox.Id}", Guid.NewGuid(), new JsonObject { ["notificationToken"] = device.Token() }))
        {
            Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        }

        var refusedBefore = _measurements.Skipped("refused");
        var logsBefore = _logs.Lines.Count;
        for (var i = 0; i < 3; i++)
        {
            (await _api.WriteAsync(mailbox.Id, initiator)).Dispose();
            var expected = refusedBefore + i + 1;
            await Eventually.TrueAsync(() => _measurements.Skipped("refused") >= expected, $"the relay refused delivery {i + 1}");
        }

        var warnings = _logs.Lines.Skip(logsBefore).Count(l => l.Contains("Refused a push endpoint", StringComparison.Ordinal));
        Assert.Equal(1, warnings);
    }
}
