using System.Diagnostics;
using System.Globalization;
using System.Net;
using Tigress.Relay.Redis.Tests.TestServices;
using Tigress.Relay.Tests.TestServices;
using Xunit.Abstractions;

namespace Tigress.Relay.Redis.Tests.Hosting;

/// <summary>
/// Two <c>tigress relay --store redis</c> processes on one Redis Cluster, driven over HTTP: they must behave as one relay.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TwoNodeRelayTests(RedisClusterFixture redis, ITestOutputHelper output) : IAsyncLifetime
{
    private MailboxApi _a = null!;
    private MailboxApi _b = null!;

    public async Task InitializeAsync() => (_a, _b) = await redis.RelaysAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Claim_SixteenConcurrentDevicesOverBothNodes_ExactlyOneWinsEveryRound()
    {
        const int Rounds = 100;
        const int Devices = 16;
        var watch = Stopwatch.StartNew();
        for (var round = 0; round < Rounds; round++)
        {
            var mailbox = await (round % 2 == 0 ? _a : _b).CreateAsync(Guid.NewGuid());
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var claims = Enumerable.Range(0, Devices).Select(async device =>
            {
                await gate.Task;
                using var response = await (device % 2 == 0 ? _a : _b).ReadAsync(mailbox.Id, Guid.NewGuid());
                return response.StatusCode;
            }).ToArray();
            gate.SetResult();
            var statuses = await Task.WhenAll(claims);

            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
            Assert.Equal(Devices - 1, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        }

        output.WriteLine($"{Rounds} rounds of {Devices} concurrent claims over two nodes: one winner each, {watch.Elapsed.TotalSeconds:F1} s in all");
    }

    [Fact]
    public async Task LongPoll_OnNodeA_IsAnsweredByAWriteThroughNodeB_WithinASecond()
    {
        var latencies = new List<double>();
        for (var round = 0; round < 10; round++)
        {
            var initiator = Guid.NewGuid();
            var recipient = Guid.NewGuid();
            var mailbox = await _a.CreateAsync(initiator, rights: "RWD");
            (await _b.ReadAsync(mailbox.Id, recipient)).Dispose();

            // The initiator waits on node A for the recipient's first message.
            var poll = _a.ReadAsync(mailbox.Id, initiator, r => r.Headers.TryAddWithoutValidation("Prefer", "wait=30"));
            await Task.Delay(300);
            Assert.False(poll.IsCompleted, "The long poll answered before anything was written.");
            var data = MailboxApi.SealedData();
            using (var write = await _b.WriteAsync(mailbox.Id, recipient, data))
            {
                Assert.Equal(HttpStatusCode.OK, write.StatusCode);
            }

            var written = Stopwatch.StartNew();
            // Milliseconds as a rule (the figures below); 10 s is still far under the 30 s the poll would otherwise wait.
            using var answer = await poll.WaitAsync(TimeSpan.FromSeconds(10));
            latencies.Add(written.Elapsed.TotalMilliseconds);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(data, MailboxApi.DataOf(await MailboxApi.JsonAsync(answer)));
        }

        latencies.Sort();
        output.WriteLine($"Long poll on node A woken by a write through node B: median {latencies[5]:F1} ms, max {latencies[^1]:F1} ms after the write's answer");
    }

    [Fact]
    public async Task Updates_FromBothSidesAtOnceThroughDifferentNodes_AreNeverLost()
    {
        const int Writes = 40;
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _a.CreateAsync(initiator, rights: "RWD");
        (await _b.ReadAsync(mailbox.Id, recipient)).Dispose();

        async Task<string> WriteAllAsync(MailboxApi node, Guid claim)
        {
            var last = string.Empty;
            for (var i = 0; i < Writes; i++)
            {
                last = MailboxApi.SealedData();
                using var response = await node.WriteAsync(mailbox.Id, claim, last);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            return last;
        }

        var lasts = await Task.WhenAll(WriteAllAsync(_a, initiator), WriteAllAsync(_b, recipient));

        // Each side reads, through the other node, exactly the other side's latest message, and the counts add up.
        using var recipientView = await _a.ReadAsync(mailbox.Id, recipient);
        using var initiatorView = await _b.ReadAsync(mailbox.Id, initiator);
        Assert.Equal(lasts[0], MailboxApi.DataOf(await MailboxApi.JsonAsync(recipientView)));
        Assert.Equal(lasts[1], MailboxApi.DataOf(await MailboxApi.JsonAsync(initiatorView)));
        Assert.Equal($"\"{Writes + 1}\"", recipientView.Headers.ETag!.Tag);
        Assert.Equal($"\"{Writes}\"", initiatorView.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Requests_RetriedOnTheOtherNode_AreAnsweredWithTheFirstAnswer()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();

        var createId = Guid.NewGuid();
        var body = MailboxApi.CreateBody(rights: "RWD");
        using var created = await _a.SendAsync(HttpMethod.Post, "v1/m", initiator, body, createId);
        using var createdAgain = await _b.SendAsync(HttpMethod.Post, "v1/m", initiator, body, createId);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, createdAgain.StatusCode);
        var link = (await MailboxApi.JsonAsync(created))["urlLink"]!.GetValue<string>();
        Assert.Equal(link, (await MailboxApi.JsonAsync(createdAgain))["urlLink"]!.GetValue<string>());
        var id = Guid.Parse(link[(link.LastIndexOf('/') + 1)..]);

        var readId = Guid.NewGuid();
        using var read = await _b.ReadAsync(id, recipient, requestId: readId);
        (await _a.WriteAsync(id, initiator)).Dispose();
        using var readAgain = await _a.ReadAsync(id, recipient, requestId: readId);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Created, readAgain.StatusCode);

        // A read keeps no copy of its answer: the claiming read's replay is read again, and sees the newer message.
        Assert.Equal("\"1\"", read.Headers.ETag!.Tag);
        Assert.Equal("\"2\"", readAgain.Headers.ETag!.Tag);

        var writeId = Guid.NewGuid();
        var data = MailboxApi.SealedData();
        using var write = await _a.WriteAsync(id, recipient, data, writeId);
        using var writeAgain = await _b.WriteAsync(id, recipient, data, writeId);
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        Assert.Equal(HttpStatusCode.Created, writeAgain.StatusCode);
        using var initiatorView = await _a.ReadAsync(id, initiator);
        Assert.Equal("\"1\"", initiatorView.Headers.ETag!.Tag);

        var deleteId = Guid.NewGuid();
        using var delete = await _b.SendAsync(HttpMethod.Delete, $"v1/m/{id}", initiator, requestId: deleteId);
        using var deleteAgain = await _a.SendAsync(HttpMethod.Delete, $"v1/m/{id}", initiator, requestId: deleteId);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Created, deleteAgain.StatusCode);
        await MailboxApi.AssertProblemAsync(await _a.ReadAsync(id, initiator), 404, "not-found");
    }

    [Fact]
    public async Task Relinquish_OnOneNode_LetsANewDeviceClaimOnTheOther()
    {
        var mailbox = await _a.CreateAsync(Guid.NewGuid());
        var first = Guid.NewGuid();
        (await _a.ReadAsync(mailbox.Id, first)).Dispose();

        using var relinquished = await _b.SendAsync(HttpMethod.Patch, $"v1/m/{mailbox.Id}", first);
        using var second = await _a.ReadAsync(mailbox.Id, Guid.NewGuid());
        using var former = await _b.ReadAsync(mailbox.Id, first);

        Assert.Equal(HttpStatusCode.OK, relinquished.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await MailboxApi.AssertProblemAsync(former, 401, "wrong-claim");
    }

    [Fact]
    public async Task ExpirationBackToBackWritesAndRelinquish_AreTheSameThroughEitherNode()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var wanted = DateTimeOffset.UtcNow.AddHours(3);
        var expected = DateTimeOffset.FromUnixTimeSeconds(wanted.ToUnixTimeSeconds()).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var mailbox = await _a.CreateAsync(initiator, rights: "RWD", expiration: wanted.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        using (var claim = await _b.ReadAsync(mailbox.Id, recipient))
        {
            Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
            Assert.Equal(expected, (await MailboxApi.JsonAsync(claim))["expiration"]!.GetValue<string>());
        }

        // The recipient writes twice in a row, once through each node; the initiator reads the latest on both.
        var latest = MailboxApi.SealedData();
        using (var first = await _a.WriteAsync(mailbox.Id, recipient))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var second = await _b.WriteAsync(mailbox.Id, recipient, latest))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        foreach (var node in new[] { _a, _b })
        {
            using var read = await node.ReadAsync(mailbox.Id, initiator);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("\"2\"", read.Headers.ETag?.Tag);
            var json = await MailboxApi.JsonAsync(read);
            Assert.Equal(latest, MailboxApi.DataOf(json));
            Assert.Equal(expected, json["expiration"]!.GetValue<string>());
        }

        // A relinquish repeated on the other node is the same request, answered 201; then a new device claims.
        var relinquishId = Guid.NewGuid();
        using var relinquished = await _a.SendAsync(HttpMethod.Patch, $"v1/m/{mailbox.Id}", recipient, requestId: relinquishId);
        using var repeated = await _b.SendAsync(HttpMethod.Patch, $"v1/m/{mailbox.Id}", recipient, requestId: relinquishId);
        using var next = await _b.ReadAsync(mailbox.Id, Guid.NewGuid());

        Assert.Equal(HttpStatusCode.OK, relinquished.StatusCode);
        Assert.Equal(HttpStatusCode.Created, repeated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Redis_HoldsClaimsOnlyHashed()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _a.CreateAsync(initiator);
        (await _b.ReadAsync(mailbox.Id, recipient)).Dispose();

        var everything = new List<byte>();
        foreach (var endPoint in redis.Connection.GetEndPoints())
        {
            var server = redis.Connection.GetServer(endPoint);
            await foreach (var key in server.KeysAsync(pattern: $"tigress:*{mailbox.Id:N}*"))
            {
                everything.AddRange(System.Text.Encoding.UTF8.GetBytes((string)key!));
                var database = redis.Connection.GetDatabase();
                if (await database.KeyTypeAsync(key) == StackExchange.Redis.RedisType.List)
                {
                    // The order of the request records: their fields (claim hash and request id).
                    foreach (var field in await database.ListRangeAsync(key))
                    {
                        everything.AddRange((byte[])field!);
                    }

                    continue;
                }

                foreach (var entry in await database.HashGetAllAsync(key))
                {
                    everything.AddRange((byte[])entry.Name!);
                    everything.AddRange((byte[])entry.Value!);
                }
            }
        }

        Assert.NotEmpty(everything);
        foreach (var claim in new[] { initiator, recipient })
        {
            foreach (var form in new[] { claim.ToString("D"), claim.ToString("N") })
            {
                Assert.Equal(-1, everything.ToArray().AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(form)));
            }

            Assert.Equal(-1, everything.ToArray().AsSpan().IndexOf(claim.ToByteArray()));
        }
    }

    [Fact]
    public async Task Dropbox_ReaderWaitingOnNodeB_GetsTheMessagePutThroughNodeA_ThenTheLocationIsSpent()
    {
        var location = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var message = System.Security.Cryptography.RandomNumberGenerator.GetBytes(200);

        using var waitRequest = new HttpRequestMessage(HttpMethod.Get, $"d/{location}");
        waitRequest.Headers.TryAddWithoutValidation("Prefer", "wait=30");
        var wait = _b.Http.SendAsync(waitRequest);
        await Task.Delay(300);
        Assert.False(wait.IsCompleted, "The reader was answered before anything was written.");
        using (var put = await _a.Http.PutAsync($"d/{location}", new ByteArrayContent(message)))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        // Far under the 30 s the read would otherwise wait, whatever the machine's load.
        using var got = await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.Equal(message, await got.Content.ReadAsByteArrayAsync());
        using var deleted = await _b.Http.DeleteAsync($"d/{location}");
        using var again = await _a.Http.PutAsync($"d/{location}", new ByteArrayContent(message));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Healthz_OnBothNodes_IsHealthy()
    {
        foreach (var node in new[] { _a, _b })
        {
            using var response = await node.Http.GetAsync("healthz");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }
}
