using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tigress.Relay.Redis.Tests.Storage;
using Tigress.Relay.Redis.Tests.TestServices;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Redis.Tests.Hosting;

/// <summary>With the Redis store, every relay node spends from the same per-client budgets: two nodes give a client the limit once.</summary>
public sealed class SharedRateLimitTests(SingleRedisFixture redis) : IClassFixture<SingleRedisFixture>
{
    [Fact]
    public async Task Creates_SpreadOverTwoNodes_ShareOneBudget_AndTheNextIsRefusedWithRetryAfter()
    {
        var prefix = RedisStores.NewPrefix();
        await using var nodeA = await StartNodeAsync(prefix);
        await using var nodeB = await StartNodeAsync(prefix);
        var a = new MailboxApi(nodeA.CreateClient());
        var b = new MailboxApi(nodeB.CreateClient());

        // The budget is 4 creates a minute: two through each node spend it all.
        for (var i = 0; i < 4; i++)
        {
            using var created = await (i % 2 == 0 ? a : b).SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody());
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        using var refusedA = await a.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody());
        using var refusedB = await b.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody());
        await MailboxApi.AssertProblemAsync(refusedA, 429, "rate-limited");
        await MailboxApi.AssertProblemAsync(refusedB, 429, "rate-limited");
        var retryAfter = refusedB.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(16));

        // Other policies keep their own budgets: a claim attempt still goes through.
        using var read = await b.ReadAsync(Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    private Task<LoopbackRelay> StartNodeAsync(string prefix) =>
        LoopbackRelay.StartAsync(
            new Dictionary<string, string?>
            {
                ["Relay:RateLimits:Enabled"] = "true",
                ["Relay:RateLimits:CreatePerMinute"] = "4",
            },
            configureStorage: builder => builder.AddRedisStorage(options =>
            {
                options.Configuration = redis.Configuration;
                options.KeyPrefix = prefix;
            }));
}
