using System.Net;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Hosting;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Create_BeyondThePerClientLimit_Answers429WithRetryAfter()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:RateLimits:Enabled"] = "true",
            ["Relay:RateLimits:CreatePerMinute"] = "3",
        });
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);

        for (var i = 0; i < 3; i++)
        {
            await api.CreateAsync(Guid.NewGuid());
        }

        using var limited = await api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody());

        await MailboxApi.AssertProblemAsync(limited, 429, "rate-limited");
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
    }

    [Fact]
    public async Task Claim_BeyondThePerClientLimit_Answers429ButCreateIsSeparate()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:RateLimits:Enabled"] = "true",
            ["Relay:RateLimits:ClaimPerMinute"] = "2",
        });
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);
        var mailbox = await api.CreateAsync(Guid.NewGuid());

        (await api.ReadAsync(mailbox.Id, Guid.NewGuid())).Dispose();
        (await api.ReadAsync(mailbox.Id, Guid.NewGuid())).Dispose();
        using var limited = await api.ReadAsync(mailbox.Id, Guid.NewGuid());

        await MailboxApi.AssertProblemAsync(limited, 429, "rate-limited");
        Assert.True(limited.Headers.Contains("Retry-After"));
        await api.CreateAsync(Guid.NewGuid());
    }

    [Fact]
    public async Task PinEvaluation_CountsAgainstTheClaimLimit()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:RateLimits:Enabled"] = "true",
            ["Relay:RateLimits:ClaimPerMinute"] = "2",
        });
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);
        var mailbox = await new TestPinShare().CreateAsync(api, Guid.NewGuid());
        var element = System.Buffers.Text.Base64Url.EncodeToString(Tigress.Protocol.Pake.RelayPinGuess.Create(TestPinShare.Pin).BlindedElement);

        using var first = await TestPinShare.EvaluateAsync(api, mailbox.Id, Guid.NewGuid(), element);
        (await api.ReadAsync(mailbox.Id, Guid.NewGuid())).Dispose();
        using var limited = await TestPinShare.EvaluateAsync(api, mailbox.Id, Guid.NewGuid(), element);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await MailboxApi.AssertProblemAsync(limited, 429, "rate-limited");
    }

    [Fact]
    public async Task Limits_Disabled_AllowBursts()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:RateLimits:Enabled"] = "false",
            ["Relay:RateLimits:CreatePerMinute"] = "1",
        });
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);

        for (var i = 0; i < 10; i++)
        {
            using var response = await api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
