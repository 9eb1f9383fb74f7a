using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tigress.Relay.Hosting;
using Tigress.Relay.Redis.Tests.Storage;
using Tigress.Relay.Redis.Tests.TestServices;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;
using Xunit.Abstractions;

namespace Tigress.Relay.Redis.Tests.Hosting;

/// <summary>
/// Push and Server-Sent Events with two relay nodes on one Redis Cluster: a wake-up goes out once, from the node
/// that handled the write (or from the one sweep that removed the mailbox), never once per node, and an event
/// stream on one node hears what happened through the other. The nodes run in process on one clock the tests can
/// move, next to a push service played by Kestrel on 127.0.0.1 (reachable with Relay:Push:AllowLoopback).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TwoNodeNotificationTests(RedisClusterFixture redis, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private FakePushService _push = null!;
    private LoopbackRelay _nodeA = null!;
    private LoopbackRelay _nodeB = null!;
    private MailboxApi _a = null!;
    private MailboxApi _b = null!;

    public async Task InitializeAsync()
    {
        _push = await FakePushService.StartAsync();

        // Nodes of one deployment share one VAPID key pair and one key prefix, as the operator's guide says.
        using var vapid = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = vapid.ExportParameters(includePrivateParameters: true);
        var settings = new Dictionary<string, string?>
        {
            ["Relay:Push:AllowLoopback"] = "true",
            ["Relay:Push:VapidSubject"] = "mailto:push-tests@example.org",
            ["Relay:Push:VapidPublicKey"] = Base64Url.EncodeToString([0x04, .. key.Q.X!, .. key.Q.Y!]),
            ["Relay:Push:VapidPrivateKey"] = Base64Url.EncodeToString(key.D),
        };
        var prefix = RedisStores.NewPrefix();
        _nodeA = await StartNodeAsync(settings, prefix);
        _nodeB = await StartNodeAsync(settings, prefix);
        _a = new MailboxApi(_nodeA.CreateClient());
        _b = new MailboxApi(_nodeB.CreateClient());
    }

    public async Task DisposeAsync()
    {
        _a?.Http.Dispose();
        _b?.Http.Dispose();
        foreach (var node in new[] { _nodeA, _nodeB })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        if (_push is not null)
        {
            await _push.DisposeAsync();
        }
    }

    [Fact]
    public async Task Push_WritesThroughEitherNodeWhileBothNodesListen_AreSentOncePerWrite()
    {
        // Arrange: both sides registered, and a stream open on each node, so both nodes hear every change.
        using var initiatorDevice = new TestSubscription(_push.Endpoint("initiator"));
        using var recipientDevice = new TestSubscription(_push.Endpoint("recipient"));
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var id = await CreateAsync(_a, initiator, initiatorDevice);
        using (var claim = await _b.SendAsync(HttpMethod.Post, $"v1/m/{id}", recipient, new JsonObject { ["notificationToken"] = recipientDevice.Token() }))
        {
            Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        }

        Assert.Equal("claimed", await EventOfAsync("initiator", initiatorDevice));
        using var streamA = await EventStreamReader.OpenAsync(_a.Http, id, initiator);
        using var streamB = await EventStreamReader.OpenAsync(_b.Http, id, recipient);
        Assert.Equal(HttpStatusCode.OK, streamA.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, streamB.Response.StatusCode);

        // Act and assert: each side writes through each node; the other side is woken once per write.
        (MailboxApi Node, Guid Writer, string Side, TestSubscription Woken)[] writes =
        [
            (_a, initiator, "initiator", recipientDevice),
            (_b, initiator, "initiator", recipientDevice),
            (_a, recipient, "recipient", initiatorDevice),
            (_b, recipient, "recipient", initiatorDevice),
        ];
        var sequence = 1;
        foreach (var (node, writer, side, woken) in writes)
        {
            using (var write = await node.WriteAsync(id, writer))
            {
                Assert.Equal(HttpStatusCode.OK, write.StatusCode);
            }

            sequence++;
            Assert.Equal("updated", await EventOfAsync(side == "initiator" ? "recipient" : "initiator", woken));
            await streamA.ExpectAsync(sequence, "updated", side);
            await streamB.ExpectAsync(sequence, "updated", side);
        }

        // The initiator deletes through node A: each side is woken once, and node B's stream names the deleter.
        using (var delete = await _a.SendAsync(HttpMethod.Delete, $"v1/m/{id}", initiator))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        Assert.Equal("deleted", await EventOfAsync("initiator", initiatorDevice));
        Assert.Equal("deleted", await EventOfAsync("recipient", recipientDevice));
        await streamA.ExpectAsync(sequence + 1, "deleted", "initiator");
        await streamB.ExpectAsync(sequence + 1, "deleted", "initiator");
        await streamB.ExpectEndAsync();

        // A second sender would have posted within milliseconds of the first.
        await _push.ExpectNoneAsync("initiator", TimeSpan.FromSeconds(1));
        await _push.ExpectNoneAsync("recipient", TimeSpan.Zero);
    }

    [Fact]
    public async Task EventStream_OnNodeA_HearsWritesThroughNodeB_WithinASecond_AndWhoDeleted()
    {
        var latencies = new List<double>();
        for (var round = 0; round < 10; round++)
        {
            var initiator = Guid.NewGuid();
            var recipient = Guid.NewGuid();
            var id = await CreateAsync(_a, initiator);
            (await _b.ReadAsync(id, recipient)).Dispose();
            using var stream = await EventStreamReader.OpenAsync(_a.Http, id, initiator);
            Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);

            using (var write = await _b.WriteAsync(id, recipient))
            {
                Assert.Equal(HttpStatusCode.OK, write.StatusCode);
            }

            var written = Stopwatch.StartNew();
            await stream.ExpectAsync(2, "updated", "recipient", TimeSpan.FromSeconds(1));
            latencies.Add(written.Elapsed.TotalMilliseconds);

            // Node A learns who deleted from node B's change message.
            (await _b.SendAsync(HttpMethod.Delete, $"v1/m/{id}", recipient)).Dispose();
            await stream.ExpectAsync(3, "deleted", "recipient", TimeSpan.FromSeconds(1));
            await stream.ExpectEndAsync();
        }

        latencies.Sort();
        output.WriteLine($"Event stream on node A after a write through node B: median {latencies[5]:F1} ms, max {latencies[^1]:F1} ms after the write's answer");
    }

    [Fact]
    public async Task Push_ExpiryWhileBothNodesSweep_IsSentOncePerSide()
    {
        const int Mailboxes = 6;
        var expiration = _time.GetUtcNow().AddSeconds(30).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var devices = new List<TestSubscription>();
        try
        {
            for (var i = 0; i < Mailboxes; i++)
            {
                var initiatorDevice = new TestSubscription(_push.Endpoint($"initiator-{i}"));
                var recipientDevice = new TestSubscription(_push.Endpoint($"recipient-{i}"));
                devices.AddRange([initiatorDevice, recipientDevice]);
                var id = await CreateAsync(i % 2 == 0 ? _a : _b, Guid.NewGuid(), initiatorDevice, expiration);
                (await (i % 2 == 0 ? _b : _a).SendAsync(HttpMethod.Post, $"v1/m/{id}", Guid.NewGuid(), new JsonObject { ["notificationToken"] = recipientDevice.Token() })).Dispose();
                await _push.NextAsync($"initiator-{i}");
            }

            // Both nodes' sweepers run on the same clock: moving it past the expiry starts them together.
            _time.Advance(TimeSpan.FromMinutes(1));

            for (var i = 0; i < Mailboxes; i++)
            {
                Assert.Equal("expired", await EventOfAsync($"initiator-{i}", devices[2 * i]));
                Assert.Equal("expired", await EventOfAsync($"recipient-{i}", devices[(2 * i) + 1]));
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Equal(0, _push.Unread);
        }
        finally
        {
            devices.ForEach(device => device.Dispose());
        }
    }

    private Task<LoopbackRelay> StartNodeAsync(Dictionary<string, string?> settings, string prefix) =>
        LoopbackRelay.StartAsync(
            settings,
            services => services.AddKeyedSingleton<TimeProvider>(RelayOptions.ClockServiceKey, _time),
            configureStorage: builder => builder.AddRedisStorage(options =>
            {
                options.Configuration = redis.Configuration;
                options.KeyPrefix = prefix;
            }));

    /// <summary>The next push for a subscription, decrypted by the independent implementation: its event's name.</summary>
    private async Task<string> EventOfAsync(string name, TestSubscription device)
    {
        var push = await _push.NextAsync(name);
        return JsonNode.Parse(await NodeTools.DecryptAsync(push.Body, device))!["event"]!.GetValue<string>();
    }

    private static async Task<Guid> CreateAsync(MailboxApi node, Guid initiator, TestSubscription? device = null, string? expiration = null)
    {
        var body = MailboxApi.CreateBody(rights: "RWD", expiration: expiration);
        if (device is not null)
        {
            body["notificationToken"] = device.Token();
        }

        using var created = await node.SendAsync(HttpMethod.Post, "v1/m", initiator, body);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var link = (await MailboxApi.JsonAsync(created))["urlLink"]!.GetValue<string>();
        return Guid.Parse(link[(link.LastIndexOf('/') + 1)..]);
    }
}
