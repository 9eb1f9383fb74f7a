using System.Net;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.RateLimiting;

/// <summary>
/// Behind a trusted reverse proxy, X-Forwarded-For names the client for the rate limits; from anyone else the header
/// changes nothing.
/// </summary>
public sealed class TrustedProxyTests
{
    [Fact]
    public async Task Create_TwoClientsBehindATrustedProxy_GetSeparateLimits()
    {
        await using var relay = await StartAsync(trusted: "127.0.0.0/8");
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);

        using var first = await CreateAsync(api, "203.0.113.7");
        using var firstAgain = await CreateAsync(api, "203.0.113.7");
        using var second = await CreateAsync(api, "198.51.100.20, 127.0.0.1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await MailboxApi.AssertProblemAsync(firstAgain, 429, "rate-limited");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task Create_ForwardedForFromAnUntrustedPeer_IsIgnored()
    {
        await using var relay = await StartAsync(trusted: "10.0.0.0/8");
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);

        using var first = await CreateAsync(api, "203.0.113.7");
        using var claimsAnotherClient = await CreateAsync(api, "198.51.100.20");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await MailboxApi.AssertProblemAsync(claimsAnotherClient, 429, "rate-limited");
    }

    [Fact]
    public async Task Start_TrustedProxyThatIsNoNetwork_IsRefusedNamingTheFlag()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(trusted: "not-a-network"));

        Assert.Contains("--trust-proxy", error.Message, StringComparison.Ordinal);
    }

    private static Task<LoopbackRelay> StartAsync(string trusted) => LoopbackRelay.StartAsync(new Dictionary<string, string?>
    {
        ["Relay:RateLimits:Enabled"] = "true",
        ["Relay:RateLimits:CreatePerMinute"] = "1",
        ["Relay:RateLimits:TrustedProxies:0"] = trusted,
    });

    private static Task<HttpResponseMessage> CreateAsync(MailboxApi api, string forwardedFor) =>
        api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody(), customize: request =>
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor));
}
