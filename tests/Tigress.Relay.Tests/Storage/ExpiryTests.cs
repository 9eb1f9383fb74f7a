using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Storage;

/// <summary>Expiry is exact (docs/protocol.md section 7.13) whatever the sweeper has done, and the sweeper reclaims the space.</summary>
public sealed class ExpiryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private LoopbackRelay _relay = null!;
    private MailboxApi _api = null!;

    public async Task InitializeAsync()
    {
        // The sweeper's interval is longer than any test's fake time span, so only exact expiry can hide a mailbox.
        _relay = await LoopbackRelay.StartAsync(
            new Dictionary<string, string?> { ["Relay:SweepInterval"] = "7.00:00:00" },
            services => services.AddKeyedSingleton<TimeProvider>(Tigress.Relay.Hosting.RelayOptions.ClockServiceKey, _time));
        _api = new MailboxApi(_relay.CreateClient());
    }

    public async Task DisposeAsync()
    {
        _api.Http.Dispose();
        await _relay.DisposeAsync();
    }

    [Fact]
    public async Task Mailbox_PastItsExpiration_IsGoneForEveryOperationBeforeAnySweep()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RWD", expiration: Rfc3339(_time.GetUtcNow().AddMinutes(10)));
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();

        _time.Advance(TimeSpan.FromMinutes(10));

        await MailboxApi.AssertProblemAsync(await _api.ReadAsync(mailbox.Id, recipient), 404, "not-found");
        await MailboxApi.AssertProblemAsync(await _api.ReadAsync(mailbox.Id, initiator), 404, "not-found");
        await MailboxApi.AssertProblemAsync(await _api.WriteAsync(mailbox.Id, initiator), 404, "not-found");
        await MailboxApi.AssertProblemAsync(await _api.Http.GetAsync($"v1/m/{mailbox.Id}"), 404, "not-found");
        await MailboxApi.AssertProblemAsync(await _api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", initiator), 404, "not-found");
        Assert.Equal(1, CountRows(mailbox.Id));
    }

    [Fact]
    public async Task Mailbox_OneSecondBeforeExpiration_IsStillServed()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid(), expiration: Rfc3339(_time.GetUtcNow().AddMinutes(10)));

        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(2));

        using var response = await _api.ReadAsync(mailbox.Id, Guid.NewGuid());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Mailbox_WithoutExpiration_LivesTheMaximumTtl()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());

        _time.Advance(TimeSpan.FromHours(47.9));
        using (var alive = await _api.Http.GetAsync($"v1/m/{mailbox.Id}"))
        {
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }

        _time.Advance(TimeSpan.FromHours(0.2));
        using var gone = await _api.Http.GetAsync($"v1/m/{mailbox.Id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Update_ExpirationsRenewedAgainAndAgain_NeverOutliveTheMaximumTtlFromCreation()
    {
        var initiator = Guid.NewGuid();
        var created = _time.GetUtcNow();
        var mailbox = await _api.CreateAsync(initiator, expiration: Rfc3339(created.AddHours(13)));

        // Every 12 hours the initiator asks for the whole maximum TTL again; each answer is capped at creation + 48 h.
        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromHours(12) - TimeSpan.FromMinutes(1));
            using var renew = await _api.SendAsync(HttpMethod.Put, $"v1/m/{mailbox.Id}", initiator,
                new JsonObject { ["mailboxConfiguration"] = new JsonObject { ["expiration"] = Rfc3339(_time.GetUtcNow().AddHours(48)) } });
            Assert.Equal(HttpStatusCode.OK, renew.StatusCode);
        }

        var recipient = Guid.NewGuid();
        using var read = await _api.ReadAsync(mailbox.Id, recipient);
        Assert.Equal(Rfc3339(created.AddHours(48)), (await MailboxApi.JsonAsync(read))["expiration"]!.GetValue<string>());

        _time.Advance(created.AddHours(48) - _time.GetUtcNow());
        await MailboxApi.AssertProblemAsync(await _api.ReadAsync(mailbox.Id, recipient), 404, "not-found");
    }

    [Fact]
    public async Task Sweep_RemovesExpiredRowsAndTheirRequestRecords()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid(), expiration: Rfc3339(_time.GetUtcNow().AddMinutes(1)));
        (await _api.ReadAsync(mailbox.Id, Guid.NewGuid())).Dispose();
        _time.Advance(TimeSpan.FromMinutes(2));

        var store = _relay.Services.GetRequiredService<Tigress.Relay.Storage.IMailboxStore>();
        var result = await store.SweepExpiredAsync(_time.GetUtcNow(), default);

        Assert.Contains(mailbox.Id, result.ExpiredMailboxes);
        Assert.Equal(0, CountRows(mailbox.Id));
        Assert.Equal(0, CountRequests(mailbox.Id));
    }

    private static string Rfc3339(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private long CountRows(Guid id) => Count("SELECT count(*) FROM mailbox WHERE id = $id", id);

    private long CountRequests(Guid id) => Count("SELECT count(*) FROM request WHERE mailbox_id = $id", id);

    private long Count(string sql, Guid id)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_relay.DataDirectory, "relay.db")};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id.ToByteArray());
        return (long)command.ExecuteScalar()!;
    }
}
