using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Tigress.Relay.Tests.TestServices;

namespace Tigress.Relay.Tests.Mailboxes;

/// <summary>
/// The finer input rules: how a wait preference, an expiration, a JSON body and a mailbox id may be spelled, and
/// what display information may hold. Each is checked over HTTP against a real relay.
/// </summary>
public sealed class InputRulesTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private const string Display = "\"displayInformation\":{\"title\":\"t\",\"description\":\"d\",\"imageURL\":\"https://x.example/i.png\"}";
    private const string Payload = "\"payload\":{\"type\":\"AEAD_AES_128_GCM\",\"data\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}";

    private readonly MailboxApi _api = fixture.Api;

    [Theory]
    [InlineData("wait = 2")]
    [InlineData("wait =2")]
    [InlineData("wait\t=\t2")]
    [InlineData("respond-async, wait = \"2\"")]
    public async Task Read_WaitWithSpacesAroundEquals_IsHonoured(string prefer)
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);

        var clock = Stopwatch.StartNew();
        using var response = await _api.ReadAsync(mailbox.Id, initiator, r => r.Headers.TryAddWithoutValidation("Prefer", prefer));

        // Only a lower bound: a relay that ignored the preference would answer at once.
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"The read answered after {clock.Elapsed}, without waiting.");
    }

    [Theory]
    [InlineData("23:59:60Z")]
    [InlineData("23:59:60.5Z")]
    [InlineData("15:59:60-08:00")]
    public async Task Create_LeapSecondExpiration_IsTheNextSecond(string time)
    {
        // The leap second ends tomorrow (UTC); the mailbox expires at the midnight after it.
        var today = DateTimeOffset.UtcNow.UtcDateTime.Date;
        var tomorrow = today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var expected = today.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

        var mailbox = await _api.CreateAsync(Guid.NewGuid(), expiration: $"{tomorrow}T{time}");
        using var read = await _api.ReadAsync(mailbox.Id, Guid.NewGuid());

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(expected, (await MailboxApi.JsonAsync(read))["expiration"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("23:58:60Z")]
    [InlineData("23:59:61Z")]
    public async Task Create_SixtySecondsOutsideALeapSecond_Answers400(string time)
    {
        var tomorrow = DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody(expiration: $"{tomorrow}T{time}"));

        await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
    }

    public static TheoryData<string> DuplicateKeyBodies => new()
    {
        "{" + Display + "," + Payload + "," + Payload + "}",
        """{"displayInformation":{"title":"t","title":"u","description":"d","imageURL":"https://x.example/i.png"},""" + Payload + "}",
        "{" + Display + ""","payload":{"type":"AEAD_AES_128_GCM","type":"AEAD_AES_256_GCM","data":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}""",
        "{" + Display + "," + Payload + ""","mailboxConfiguration":{"accessRights":"R","accessRights":"RWD"}}""",
        "{" + Display + "," + Payload + ""","notificationToken":{"type":"x.test","tokenData":{"a":1,"a":2}}}""",
        "{" + Display + "," + Payload + ""","futureMember":{"a":1,"a":2}}""",
        "{" + Display + "," + Payload + ""","futureMember":[{"b":{"a":1,"a":2}}]}""",
    };

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF")]
    [InlineData("\U000E0041\U000E0042")]
    [InlineData(" \u3164 ")]
    [InlineData("\u00A0\u2003")]
    public async Task Create_TitleOfOnlyInvisibleCharacters_Answers400NamingTheField(string title)
    {
        var body = MailboxApi.CreateBody();
        body["displayInformation"]!["title"] = title;

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        var problem = await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
        Assert.Contains("title", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Car key \U0001F511")]
    [InlineData("\u0645\u0641\u062A\u0627\u062D \u0627\u0644\u0633\u064A\u0627\u0631\u0629")]
    public async Task Create_VisibleTextOfAnyScript_IsAccepted(string title)
    {
        var body = MailboxApi.CreateBody();
        body["displayInformation"]!["title"] = title;

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Create_TitleWithAJoinerInsideVisibleText_IsRefusedByTheOneDisplayRule()
    {
        // DisplayText, the rule every client applies before showing text, calls every format character unsafe.
        var body = MailboxApi.CreateBody();
        body["displayInformation"]!["title"] = "Car\u200Dkey \U0001F511";

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        var problem = await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
        Assert.Contains("displayInformation.title", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAA\nAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n")]
    [InlineData("AAAA AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("\tAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Create_PayloadDataWithWhitespace_Answers400(string data)
    {
        var body = MailboxApi.CreateBody();
        body["payload"]!["data"] = data;

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        var problem = await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
        Assert.Contains("payload.data", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyAnswer_JsonOrProblem_CarriesNoSniff()
    {
        using var capabilities = await _api.Http.GetAsync("v1");
        using var problem = await _api.SendRawAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), "{");
        using var missing = await _api.Http.GetAsync("nothing-here");

        foreach (var response in new[] { capabilities, problem, missing })
        {
            Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var values), $"{(int)response.StatusCode} without nosniff");
            Assert.Equal("nosniff", Assert.Single(values));
        }
    }

    [Theory]
    [MemberData(nameof(DuplicateKeyBodies))]
    public async Task Create_DuplicateJsonKey_Answers400(string body)
    {
        using var response = await _api.SendRawAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
    }

    [Fact]
    public async Task Update_DuplicateJsonKey_Answers400()
    {
        var claim = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(claim);

        using var response = await _api.SendRawAsync(HttpMethod.Put, $"v1/m/{mailbox.Id}", claim, "{" + Payload + "," + Payload + "}");

        await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
    }

    [Fact]
    public async Task CreateAndUpdate_BodyStartingWithAByteOrderMark_IsAccepted()
    {
        var claim = Guid.NewGuid();
        var withBom = (string json) => new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)])
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
        };

        using var create = await _api.SendRawAsync(HttpMethod.Post, "v1/m", claim, body: null, customize: r => r.Content = withBom(MailboxApi.CreateBody().ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        var link = (await MailboxApi.JsonAsync(create))["urlLink"]!.GetValue<string>();
        using var update = await _api.SendRawAsync(HttpMethod.Put, new Uri(link).AbsolutePath.TrimStart('/'), claim, body: null,
            customize: r => r.Content = withBom(new JsonObject { ["payload"] = MailboxApi.Payload() }.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
    }

    public static TheoryData<string, string> OtherIdSpellings
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var method in new[] { "POST", "PUT", "PATCH", "DELETE", "GET", "EVENTS" })
            {
                foreach (var format in new[] { "UPPER", "N", "B", "P", "MIXED" })
                {
                    data.Add(method, format);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(OtherIdSpellings))]
    public async Task AnyRoute_MailboxIdInAnotherSpelling_Answers404(string method, string format)
    {
        var claim = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(claim, rights: "RWD");
        var canonical = mailbox.Id.ToString("D");
        var id = format switch
        {
            "UPPER" => canonical.ToUpperInvariant(),
            "MIXED" => MixedCase(canonical),
            _ => mailbox.Id.ToString(format),
        };
        Assert.NotEqual(canonical, id);
        var (verb, path) = method == "EVENTS" ? (HttpMethod.Get, $"v1/m/{id}/events") : (new HttpMethod(method), $"v1/m/{id}");
        using var request = new HttpRequestMessage(verb, path);
        request.Headers.TryAddWithoutValidation("Mailbox-Request-ID", Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("Mailbox-Device-Claim", claim.ToString());
        if (method == "PUT")
        {
            request.Content = new StringContent(new JsonObject { ["payload"] = MailboxApi.Payload() }.ToJsonString(), Encoding.UTF8, "application/json");
        }

        // Headers only: an event stream that wrongly opened would otherwise hold the test until the client's timeout.
        using var response = await _api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        await MailboxApi.AssertProblemAsync(response, 404, "not-found");
        using var canonicalRead = await _api.ReadAsync(mailbox.Id, claim);
        Assert.Equal(HttpStatusCode.NoContent, canonicalRead.StatusCode);
    }

    private static string MixedCase(string canonical)
    {
        var letter = canonical.AsSpan().IndexOfAnyInRange('a', 'f');
        Assert.True(letter >= 0, "A v4 UUID with no hex letter at all: run again.");
        return string.Concat(canonical.AsSpan(0, letter), char.ToUpperInvariant(canonical[letter]).ToString(), canonical.AsSpan(letter + 1));
    }

    [Theory]
    [InlineData("https://images.example.org/a b.png")]
    [InlineData("https://images.example.org/a\tb.png")]
    [InlineData("https://images.example.org/a\u00A0b.png")]
    [InlineData("https://images.example.org/a.png\u0000")]
    [InlineData("https://images.example.org/\u202Egnp.exe")]
    [InlineData("https://user:secret@images.example.org/a.png")]
    [InlineData("https://127.0.0.1/a.png")]
    [InlineData("https://127.0.0.1./a.png")]
    [InlineData("https://127\u30020\u30020\u30021/a.png")]
    [InlineData("https://\u2460\u2461\u2466.0.0.1/a.png")]
    [InlineData("https://\uFF11\uFF12\uFF17.0.0.1/a.png")]
    [InlineData("https://\u24DB\u24DE\u24D2\u24D0\u24DB\u24D7\u24DE\u24E2\u24E3/a.png")]
    [InlineData("https://loc\u00ADalhost/a.png")]
    [InlineData("https://localhost/a.png")]
    [InlineData("https://localhost./a.png")]
    [InlineData("https://cdn.localhost/a.png")]
    [InlineData("https://[::1]/a.png")]
    [InlineData("https://10.1.2.3/a.png")]
    [InlineData("https://192.168.0.10/a.png")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[fe80::1]/a.png")]
    [InlineData("https://[::ffff:10.0.0.1]/a.png")]
    [InlineData("http://images.example.org/a.png")]
    [InlineData("data:image/png;base64,AAAA")]
    public async Task Create_UnsafeImageUrl_Answers400NamingTheField(string image)
    {
        var body = MailboxApi.CreateBody();
        body["displayInformation"]!["imageURL"] = image;

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        var problem = await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
        Assert.Contains("imageURL", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://images.example.org/car.png")]
    [InlineData("https://8.8.8.8/car.png")]
    [InlineData("https://b\u00FCcher.example/car.png?size=2#top")]
    [InlineData("https://images.example.org:8443/a%20b.png")]
    public async Task Create_PublicHttpsImageUrl_IsAccepted(string image)
    {
        var body = MailboxApi.CreateBody();
        body["displayInformation"]!["imageURL"] = image;

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("title", "Car\u0000key")]
    [InlineData("title", "Car\u001B[31mkey")]
    [InlineData("title", "Car key\u007F")]
    [InlineData("title", "Car\u0085key")]
    [InlineData("title", "Car\u009Bkey")]
    [InlineData("title", "photo\u202Egnp.exe")]
    [InlineData("title", "\u202Aembedded")]
    [InlineData("description", "left\u202Bright")]
    [InlineData("description", "pop\u202C")]
    [InlineData("description", "\u202Doverride")]
    [InlineData("description", "isolate\u2066x\u2069")]
    [InlineData("description", "first\u2067isolate")]
    [InlineData("description", "\u2068first strong")]
    [InlineData("description", "two\nlines")]
    [InlineData("description", "tab\there")]
    [InlineData("title", "zero\u200Bwidth")]
    [InlineData("title", "mark\u200Fright-to-left")]
    [InlineData("title", "right\u200Fto\u200Eleft marks")]
    [InlineData("title", "arabic letter mark\u061C")]
    [InlineData("title", "\uFEFFbom")]
    [InlineData("title", "word\u2060joiner")]
    [InlineData("title", "tag\U000E0041")]
    [InlineData("description", "line\u2028separator")]
    [InlineData("description", "paragraph\u2029separator")]
    public async Task Create_ControlOrBidiCharacterInDisplayText_Answers400NamingTheField(string field, string text)
    {
        var body = MailboxApi.CreateBody();
        body["displayInformation"]![field] = text;

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        var problem = await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
        Assert.Contains($"displayInformation.{field}", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Café über Straße")]
    [InlineData("Garage key \U0001F511")]
    [InlineData("\u0645\u0641\u062A\u0627\u062D \u0627\u0644\u0633\u064A\u0627\u0631\u0629")]
    [InlineData("\u8ECA\u306E\u9375")]
    public async Task Create_DisplayTextOfAnyScript_IsAccepted(string title)
    {
        var body = MailboxApi.CreateBody();
        body["displayInformation"]!["title"] = title;

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Update_ControlCharacterInDisplayText_Answers400()
    {
        var claim = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(claim);
        var display = MailboxApi.Display(title: "bad\u0000title");

        using var response = await _api.SendAsync(HttpMethod.Put, $"v1/m/{mailbox.Id}", claim, new JsonObject { ["displayInformation"] = display });

        var problem = await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
        Assert.Contains("displayInformation.title", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Schlüssel für das Auto \u2014 blau")]
    [InlineData("\u0645\u0641\u062A\u0627\u062D \u0627\u0644\u0633\u064A\u0627\u0631\u0629")]
    [InlineData("\u8ECA\u306E\u9375 \U0001F697")]
    public async Task Create_OrdinaryUnicodeDisplayText_IsAccepted(string text)
    {
        var body = MailboxApi.CreateBody();
        body["displayInformation"]!["title"] = text;
        body["displayInformation"]!["description"] = text;

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Create_DisplayTextNotInNfc_IsServedExactlyAsSent()
    {
        // "Café" with a combining acute accent: decomposed, not NFC. The honest-preview check compares byte for
        // byte, so the relay must neither normalize nor refuse it.
        // (Written out: the relay runs with invariant globalization, where string normalization is not available.)
        const string Decomposed = "Cafe\u0301 door";
        var body = MailboxApi.CreateBody();
        body["displayInformation"]!["title"] = Decomposed;
        using var create = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);
        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        var link = (await MailboxApi.JsonAsync(create))["urlLink"]!.GetValue<string>();

        using var read = await _api.ReadAsync(Guid.Parse(link[(link.LastIndexOf('/') + 1)..]), Guid.NewGuid());

        var served = (await MailboxApi.JsonAsync(read))["displayInformation"]!["title"]!.GetValue<string>();
        Assert.Equal(Decomposed, served);
        Assert.DoesNotContain('\u00e9', served);
    }
}
