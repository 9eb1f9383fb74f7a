using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tigress.Relay.Storage.Sqlite;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Storage;

/// <summary><c>/healthz</c> tells whether the store can commit a write, not only whether it answers.</summary>
public sealed class StoreHealthTests
{
    [Fact]
    public async Task Healthz_WhileWritesFailOnAFullDatabase_IsUnhealthyUntilAWriteCommitsAgain()
    {
        await using var relay = await LoopbackRelay.StartAsync();
        var api = new MailboxApi(relay.CreateClient());
        var database = relay.Services.GetRequiredService<SqliteDatabase>();
        using (var healthy = await api.Http.GetAsync("healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        // A real SQLITE_FULL (error 13): the database may not grow by a page, as on a full disk.
        var pages = await StoreGrowthTests.ScalarAsync(database, "PRAGMA page_count;");
        await StoreGrowthTests.ScalarAsync(database, $"PRAGMA max_page_count = {pages};");
        using var refused = await api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody(data: MailboxApi.SealedData(48_000)));
        using var whileFull = await api.Http.GetAsync("healthz");
        using var liveWhileFull = await api.Http.GetAsync("healthz/live");

        await StoreGrowthTests.ScalarAsync(database, "PRAGMA max_page_count = 1073741823;");
        using var stillUnhealthy = await api.Http.GetAsync("healthz");
        _ = await api.CreateAsync(Guid.NewGuid(), data: MailboxApi.SealedData(48_000));
        using var recovered = await api.Http.GetAsync("healthz");

        await MailboxApi.AssertProblemAsync(refused, 503, "unavailable");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileFull.StatusCode);
        Assert.Equal("Unhealthy", await whileFull.Content.ReadAsStringAsync());

        // Liveness says only that the process answers: a full disk is no reason to restart it.
        Assert.Equal(HttpStatusCode.OK, liveWhileFull.StatusCode);
        Assert.Equal("Healthy", await liveWhileFull.Content.ReadAsStringAsync());

        // Room again, but nothing has proven it: the health check's own small write does not clear the failure.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stillUnhealthy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        api.Http.Dispose();
    }
}
