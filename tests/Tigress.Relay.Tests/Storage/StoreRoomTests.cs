using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tigress.Relay.Storage.Sqlite;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Storage;

/// <summary>
/// <c>Relay:MaxStoreBytes</c> and <c>Relay:MinFreeDiskBytes</c>: past either, creates, messages and dropbox writes are
/// refused with 507 and <c>Retry-After</c>, while reads, deletes and relinquishes go on; <c>/readyz</c> names the
/// setting, a metric counts the refusals, and room made by deletes is taken again.
/// </summary>
public sealed class StoreRoomTests
{
    private const int Payload = 48_000;

    [Fact]
    public async Task Create_PastMaxStoreBytes_Answers507UntilDeletesMakeRoom()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:MaxStoreBytes"] = (2 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var api = new MailboxApi(relay.CreateClient());
        var database = relay.Services.GetRequiredService<SqliteDatabase>();
        var refusals = new ConcurrentBag<string>();
        using var listener = ListenForRefusals(relay, refusals);

        // Each create adds about 48 KB; the cap is reached within 2 MiB / 48 KB, about 44 of them.
        var created = new List<(Guid Id, Guid Initiator)>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 100 && refused is null; i++)
        {
            var initiator = Guid.NewGuid();
            var response = await api.SendAsync(HttpMethod.Post, "v1/m", initiator, MailboxApi.CreateBody(rights: "RWD", data: MailboxApi.SealedData(Payload)));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var link = (await MailboxApi.JsonAsync(response))["urlLink"]!.GetValue<string>();
                created.Add((Guid.Parse(link[(link.LastIndexOf('/') + 1)..]), initiator));
                response.Dispose();
            }
            else
            {
                refused = response;
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            await MailboxApi.AssertProblemAsync(refused, 507, "insufficient-storage");
            Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
        }

        var usedAtCap = await StoreGrowthTests.ScalarAsync(database, "SELECT (SELECT page_count FROM pragma_page_count()) - (SELECT freelist_count FROM pragma_freelist_count());") * 4096;
        var recipient = Guid.NewGuid();
        using var claim = await api.ReadAsync(created[0].Id, recipient);
        using var message = await api.WriteAsync(created[0].Id, recipient, MailboxApi.SealedData(Payload));
        using var dropbox = await api.Http.PutAsync($"d/{new string('A', 43)}", new ByteArrayContent(new byte[Payload]));
        using var notReady = await api.Http.GetAsync("readyz");
        using var healthy = await api.Http.GetAsync("healthz");
        using var relinquish = await api.SendAsync(HttpMethod.Patch, $"v1/m/{created[0].Id}", recipient);

        // Deleting shares frees their pages, which the next creates reuse: the cap counts pages in use, not the file.
        foreach (var (id, initiator) in created.Take(4))
        {
            using var delete = await api.SendAsync(HttpMethod.Delete, $"v1/m/{id}", initiator);
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        using var readyAgain = await api.Http.GetAsync("readyz");
        _ = await api.CreateAsync(Guid.NewGuid(), data: MailboxApi.SealedData(Payload));

        Assert.InRange(usedAtCap, 2 * 1024 * 1024, 3 * 1024 * 1024);
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        await MailboxApi.AssertProblemAsync(message, 507, "insufficient-storage");
        await MailboxApi.AssertProblemAsync(dropbox, 507, "insufficient-storage");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal(
            "Not ready: the store has reached Relay:MaxStoreBytes; new shares are refused (507) until shares end.",
            await notReady.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, relinquish.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyAgain.StatusCode);
        Assert.Equal(["max_store_bytes", "max_store_bytes", "max_store_bytes"], refusals.ToArray());
        api.Http.Dispose();
    }

    [Fact]
    public async Task Create_BelowMinFreeDiskBytes_Answers507WhileDeletesAndReadsGoOn()
    {
        var initiator = Guid.NewGuid();
        var dataDirectory = TemporaryFolder.Create("relay");
        Mailbox mailbox;
        await using (var roomy = await LoopbackRelay.StartAsync(dataDirectory: dataDirectory))
        {
            using var http = roomy.CreateClient();
            mailbox = await new MailboxApi(http).CreateAsync(initiator);
        }

        // A floor no disk reaches (1 EiB): the disk is "full" for new content, as a filling disk would be.
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:MinFreeDiskBytes"] = (1L << 60).ToString(System.Globalization.CultureInfo.InvariantCulture) }, dataDirectory: dataDirectory);
        var api = new MailboxApi(relay.CreateClient());
        var refusals = new ConcurrentBag<string>();
        using var listener = ListenForRefusals(relay, refusals);
        using var create = await api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody());
        using var notReady = await api.Http.GetAsync("readyz");
        using var read = await api.ReadAsync(mailbox.Id, initiator);
        using var delete = await api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", initiator);

        await MailboxApi.AssertProblemAsync(create, 507, "insufficient-storage");
        Assert.Equal(
            "Not ready: the data folder's disk has less free space than Relay:MinFreeDiskBytes; new shares are refused (507) until there is room.",
            await notReady.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(["min_free_disk"], refusals.ToArray());
        api.Http.Dispose();
    }

    [Theory]
    [InlineData("Relay:MaxStoreBytes", "1000", "Relay:MaxStoreBytes must be at least 1048576")]
    [InlineData("Relay:MinFreeDiskBytes", "-1", "Relay:MinFreeDiskBytes must be 0 (off) or more")]
    public async Task Start_WithAnUnusableCap_FailsNamingTheSetting(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            LoopbackRelay.StartAsync(new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static MeterListener ListenForRefusals(LoopbackRelay relay, ConcurrentBag<string> refusals)
    {
        var factory = relay.Services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name == "tigress.relay.store.refused")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "tigress.reason")
                {
                    refusals.Add((string)tag.Value!);
                }
            }
        });
        listener.Start();
        return listener;
    }
}
