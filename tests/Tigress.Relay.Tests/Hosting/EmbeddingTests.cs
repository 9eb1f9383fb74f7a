using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Hosting;

/// <summary>A host of its own that adds the relay with <c>AddTigressRelay</c> and <c>MapTigressRelay</c> keeps the rate limits.</summary>
public sealed class EmbeddingTests : IDisposable
{
    private readonly string _folder = TemporaryFolder.Create("embedded");

    [Fact]
    public async Task MapTigressRelay_OnAMinimalWebApplication_EnforcesTheRateLimits()
    {
        await using var app = Build(host => host.MapTigressRelay());
        await app.StartAsync();
        var api = new MailboxApi(Client(app));

        using var first = await api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody());
        using var second = await api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await MailboxApi.AssertProblemAsync(second, 429, "rate-limited");
        api.Http.Dispose();
    }

    [Fact]
    public async Task MapTigressRelay_WhereTheRateLimiterCannotBeAdded_RefusesEveryRelayRequest()
    {
        var logs = new CapturedLogs();

        // A route group is no application builder: the relay cannot add the middleware, and the host did not.
        await using var app = Build(host => host.MapGroup(string.Empty).MapTigressRelay(), logs);
        await app.StartAsync();
        var api = new MailboxApi(Client(app));

        using var create = await api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody());

        await MailboxApi.AssertProblemAsync(create, 500, "internal");
        Assert.Contains(logs.Lines, line => line.Contains(" Critical ", StringComparison.Ordinal) && line.Contains("UseRateLimiter()", StringComparison.Ordinal));
        api.Http.Dispose();
    }

    public void Dispose() => TemporaryFolder.Delete(_folder);

    private WebApplication Build(Action<WebApplication> map, CapturedLogs? logs = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (logs is not null)
        {
            builder.Services.AddSingleton<ILoggerProvider>(logs);
        }

        builder.Services.AddTigressRelay(options =>
        {
            options.DataDirectory = _folder;
            options.RateLimits.CreatePerMinute = 1;
        }).AddSqliteStorage();
        var app = builder.Build();
        map(app);
        return app;
    }

    private static HttpClient Client(WebApplication app) => new()
    {
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/"),
        Timeout = TimeSpan.FromSeconds(60),
    };
}
