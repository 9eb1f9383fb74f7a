using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tigress.Relay.Hosting;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Dropbox;

/// <summary>The relay's HTTP dropbox at /d/{location}, over real HTTP.</summary>
public sealed class DropboxEndpointTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private readonly HttpClient _http = fixture.Api.Http;

    [Fact]
    public async Task PutGetDelete_Message_RoundTripsOnceAndLeavesNothing()
    {
        var location = NewLocation();
        var message = RandomNumberGenerator.GetBytes(300);

        using var put = await PutAsync(_http, location, message);
        using var get = await _http.GetAsync($"d/{location}");
        var read = await get.Content.ReadAsByteArrayAsync();
        using var delete = await _http.DeleteAsync($"d/{location}");
        using var after = await _http.GetAsync($"d/{location}");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("application/octet-stream", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(message, read);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await MailboxApi.AssertProblemAsync(after, 404, "not-found");
    }

    [Fact]
    public async Task Put_SecondTime_Answers409EvenAfterDelete()
    {
        var location = NewLocation();
        (await PutAsync(_http, location, [1, 2, 3])).Dispose();

        using var again = await PutAsync(_http, location, [4, 5, 6]);
        await MailboxApi.AssertProblemAsync(again, 409, "already-written");

        (await _http.DeleteAsync($"d/{location}")).Dispose();
        using var afterDelete = await PutAsync(_http, location, [7]);
        await MailboxApi.AssertProblemAsync(afterDelete, 409, "already-written");
    }

    [Theory]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public async Task Put_MalformedLocation_Answers400(string location)
    {
        using var response = await PutAsync(_http, Uri.EscapeDataString(location), [1]);

        await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
    }

    [Fact]
    public async Task Get_UnwrittenOrMalformedLocation_Answers404()
    {
        await MailboxApi.AssertProblemAsync(await _http.GetAsync($"d/{NewLocation()}"), 404, "not-found");
        await MailboxApi.AssertProblemAsync(await _http.GetAsync("d/nothing-here"), 404, "not-found");
        await MailboxApi.AssertProblemAsync(await _http.DeleteAsync($"d/{NewLocation()}"), 404, "not-found");
    }

    [Fact]
    public async Task Get_TheDropboxFolder_ListsNothing()
    {
        (await PutAsync(_http, NewLocation(), [1])).Dispose();

        using var response = await _http.GetAsync("d/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Put_OverTheBodyLimit_Answers413()
    {
        using var response = await PutAsync(_http, NewLocation(), new byte[(128 * 1024) + 1]);

        await MailboxApi.AssertProblemAsync(response, 413, "payload-too-large");
    }

    [Fact]
    public async Task Get_WithPreferWait_ReturnsWhenTheMessageIsWritten()
    {
        var location = NewLocation();
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"d/{location}");
        request.Headers.TryAddWithoutValidation("Prefer", "wait=20");
        var poll = _http.SendAsync(request);
        await Task.Delay(300);
        Assert.False(poll.IsCompleted);

        (await PutAsync(_http, location, [9, 8, 7])).Dispose();
        using var response = await poll.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new byte[] { 9, 8, 7 }, await response.Content.ReadAsByteArrayAsync());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Get_WithPreferWaitAndNothingWritten_Answers404AfterTheWait()
    {
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"d/{NewLocation()}");
        request.Headers.TryAddWithoutValidation("Prefer", "wait=1");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task Message_PastTheRelaysTtl_IsGone()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var relay = await LoopbackRelay.StartAsync(
            new Dictionary<string, string?> { ["Relay:MaxTtl"] = "01:00:00" },
            services => services.AddKeyedSingleton<TimeProvider>(RelayOptions.ClockServiceKey, time));
        using var http = relay.CreateClient();
        var location = NewLocation();
        (await PutAsync(http, location, [1])).Dispose();

        time.Advance(TimeSpan.FromHours(1));

        await MailboxApi.AssertProblemAsync(await http.GetAsync($"d/{location}"), 404, "not-found");
    }

    [Fact]
    public async Task CookieLock_AdmitsWriterAndReader_RefusesAThirdPartyEvenAfterTheRead()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:DropboxLock"] = "true" });
        using var writer = Client(relay);
        using var reader = Client(relay);
        using var lateParty = Client(relay);
        var location = NewLocation();

        using (var put = await PutAsync(writer, location, [1, 2, 3]))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            Assert.Contains(put.Headers.GetValues("Set-Cookie"), c => c.StartsWith("tigress-lock=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        }

        using (var get = await reader.GetAsync($"d/{location}"))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        }

        await MailboxApi.AssertProblemAsync(await lateParty.GetAsync($"d/{location}"), 403, "locked");
        await MailboxApi.AssertProblemAsync(await lateParty.DeleteAsync($"d/{location}"), 403, "locked");

        using (var delete = await reader.DeleteAsync($"d/{location}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        await MailboxApi.AssertProblemAsync(await lateParty.GetAsync($"d/{location}"), 403, "locked");
    }

    [Fact]
    public async Task CookieLock_DeleteOfAnUntouchedLocation_HandsOutNoCookieAndTakesNoPlace()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:DropboxLock"] = "true" });
        using var stranger = Client(relay);
        using var writer = Client(relay);
        using var reader = Client(relay);
        var location = NewLocation();

        using var delete = await stranger.DeleteAsync($"d/{location}");

        // The delete recorded nothing, so a cookie for it would be a promise the relay does not keep.
        await MailboxApi.AssertProblemAsync(delete, 404, "not-found");
        Assert.False(delete.Headers.Contains("Set-Cookie"));
        using var put = await PutAsync(writer, location, [1]);
        using var get = await reader.GetAsync($"d/{location}");
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task CookieLock_ReaderWaitingBeforeTheWrite_KeepsItsPlace()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:DropboxLock"] = "true" });
        using var writer = Client(relay);
        using var reader = Client(relay);
        using var third = Client(relay);
        var location = NewLocation();

        await MailboxApi.AssertProblemAsync(await reader.GetAsync($"d/{location}"), 404, "not-found");
        (await PutAsync(writer, location, [5])).Dispose();

        using var get = await reader.GetAsync($"d/{location}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        await MailboxApi.AssertProblemAsync(await PutAsync(third, location, [6]), 403, "locked");
    }

    [Fact]
    public async Task CookieLock_BehindAPathPrefix_ScopesTheCookieToThePublicPath()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:DropboxLock"] = "true",
            ["Relay:PublicUrl"] = "https://relay.example.org/tigress",
        });
        using var http = relay.CreateClient();
        var location = NewLocation();

        using var put = await PutAsync(http, location, [1]);

        var cookie = Assert.Single(put.Headers.GetValues("Set-Cookie"));
        Assert.Contains($"path=/tigress/d/{location}", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithoutLock_NoCookieIsSet()
    {
        using var put = await PutAsync(_http, NewLocation(), [1]);

        Assert.False(put.Headers.Contains("Set-Cookie"));
    }

    private static HttpClient Client(LoopbackRelay relay) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = relay.BaseUri };

    private static async Task<HttpResponseMessage> PutAsync(HttpClient http, string location, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await http.PutAsync($"d/{location}", content);
    }

    private static string NewLocation() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
