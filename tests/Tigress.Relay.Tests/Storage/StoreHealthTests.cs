using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tigress.Relay.Storage.Sqlite;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Storage;

/// <summary>
/// A database that may not grow (a real <c>SQLITE_FULL</c>, as on a full disk): new content is refused with 507,
/// reads, deletes and claims go on, <c>/healthz</c> stays healthy while small writes commit, <c>/readyz</c> says why it
/// is not ready, and both recover by their own probes once there is room.
/// </summary>
public sealed class StoreHealthTests
{
    [Fact]
    public async Task FullDatabase_RefusesNewContentWith507_ServesReadsDeletesAndClaims_AndRecoversByItself()
    {
        await using var relay = await LoopbackRelay.StartAsync();
        var api = new MailboxApi(relay.CreateClient());
        var database = relay.Services.GetRequiredService<SqliteDatabase>();
        var toDelete = Guid.NewGuid();
        var deleted = await api.CreateAsync(toDelete, data: MailboxApi.SealedData(48_000));
        var claimed = await api.CreateAsync(Guid.NewGuid(), data: MailboxApi.SealedData(48_000));
        var writer = Guid.NewGuid();
        var written = await api.CreateAsync(writer);
        using (var ready = await api.Http.GetAsync("readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Ready", await ready.Content.ReadAsStringAsync());
        }

        // A real SQLITE_FULL (error 13): the database may not grow by a page, as on a full disk.
        var pages = await StoreGrowthTests.ScalarAsync(database, "PRAGMA page_count;");
        await StoreGrowthTests.ScalarAsync(database, $"PRAGMA max_page_count = {pages};");
        using var create = await api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody(data: MailboxApi.SealedData(48_000)));
        using var message = await api.WriteAsync(written.Id, writer, MailboxApi.SealedData(48_000));
        using var notReady = await api.Http.GetAsync("readyz");
        using var healthy = await api.Http.GetAsync("healthz");
        using var live = await api.Http.GetAsync("healthz/live");

        // What needs no room goes on: a delete frees pages, and then a claiming read fits.
        using var delete = await api.SendAsync(HttpMethod.Delete, $"v1/m/{deleted.Id}", toDelete);
        using var claim = await api.ReadAsync(claimed.Id, Guid.NewGuid());

        // Room again: readiness comes back on its own probe, with no client write in between.
        await StoreGrowthTests.ScalarAsync(database, "PRAGMA max_page_count = 1073741823;");
        using var readyAgain = await api.Http.GetAsync("readyz");
        var after = await api.CreateAsync(Guid.NewGuid(), data: MailboxApi.SealedData(48_000));

        await MailboxApi.AssertProblemAsync(create, 507, "insufficient-storage");
        Assert.Equal(TimeSpan.FromSeconds(30), create.Headers.RetryAfter?.Delta);
        await MailboxApi.AssertProblemAsync(message, 507, "insufficient-storage");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.StartsWith("Not ready: the store is full", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyAgain.StatusCode);
        Assert.Equal("Ready", await readyAgain.Content.ReadAsStringAsync());

        // Nothing acknowledged was lost, and the refused create left no mailbox behind.
        Assert.Equal(3, await StoreGrowthTests.ScalarAsync(database, "SELECT count(*) FROM mailbox;"));
        using var preview = await api.Http.GetAsync($"v1/m/{after.Id}");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        api.Http.Dispose();
    }

    [Fact]
    public async Task Healthz_WhenTheStoreCannotCommitAtAll_IsUnhealthyAndRecoversByItsOwnProbe()
    {
        await using var relay = await LoopbackRelay.StartAsync();
        using var http = relay.CreateClient();
        var database = relay.Services.GetRequiredService<SqliteDatabase>();

        // With the probe's table gone, its write fails on every attempt, as on a store that cannot commit.
        await StoreGrowthTests.ScalarAsync(database, "ALTER TABLE health RENAME TO health_away;");
        using var unhealthy = await http.GetAsync("healthz");
        using var notReady = await http.GetAsync("readyz");
        await StoreGrowthTests.ScalarAsync(database, "ALTER TABLE health_away RENAME TO health;");
        using var healthy = await http.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Equal("Unhealthy", await unhealthy.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("Not ready: the store does not answer or cannot commit a write.", await notReady.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }
}
