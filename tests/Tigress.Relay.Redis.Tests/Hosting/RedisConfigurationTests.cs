using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tigress.Relay.Hosting;
using Tigress.Relay.Redis.Tests.TestServices;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Redis.Tests.Hosting;

/// <summary>How the Redis store is configured, and how the relay behaves when Redis is not there at start.</summary>
public sealed class RedisConfigurationTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("password=only-options")]
    public void AddRedisStorage_NoServer_IsRefusedWithAClearMessage(string configuration)
    {
        var builder = new ServiceCollection().AddTigressRelay();

        var error = Assert.Throws<RelayConfigurationException>(() => builder.AddRedisStorage(configuration));

        Assert.StartsWith("RedisStoreOptions.Configuration:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRedisStorage_UnknownOption_IsRefusedWithoutEchoingThePassword()
    {
        var builder = new ServiceCollection().AddTigressRelay();

        var error = Assert.Throws<RelayConfigurationException>(() => builder.AddRedisStorage("127.0.0.1:6379,password=hunter2,notAnOption=1"));

        Assert.Contains("notAnOption", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRedisStorage_PrefixWithABrace_IsRefused()
    {
        var builder = new ServiceCollection().AddTigressRelay();

        Assert.Throws<RelayConfigurationException>(() => builder.AddRedisStorage(options =>
        {
            options.Configuration = "127.0.0.1:6379";
            options.KeyPrefix = "app{1}:";
        }));
    }

    [Fact]
    public void ParseConfiguration_AbortOnConnectFail_IsAlwaysOff()
    {
        var configuration = RedisTigressRelayBuilderExtensions.ParseConfiguration(
            new RedisStoreOptions { Configuration = "127.0.0.1:6379,abortConnect=true" });

        Assert.False(configuration.AbortOnConnectFail);
    }

    [Fact]
    public async Task Relay_StoreRedisWithoutRedisFlag_ExitsWithAMessage()
    {
        using var process = Process.Start(TigressExecutable.StartInfo(["relay", "--store", "redis", "--urls", "http://127.0.0.1:0"]))!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--store redis needs --redis", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("17")]
    public async Task Relay_RedisMinReplicasOutOfRange_ExitsWithAMessageNamingTheSetting(string value)
    {
        using var process = Process.Start(TigressExecutable.StartInfo(["relay", "--store", "redis", "--redis", "127.0.0.1:1,connectTimeout=200", "--redis-min-replicas", value, "--urls", "http://127.0.0.1:0"]))!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--redis-min-replicas must be a number of replicas from 0 to 16", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relay_RedisMinReplicasWithTheSqliteStore_ExitsWithAMessage()
    {
        using var process = Process.Start(TigressExecutable.StartInfo(["relay", "--redis-min-replicas", "1", "--urls", "http://127.0.0.1:0"]))!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--redis-min-replicas are used only with --store redis", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relay_StartedBeforeRedis_AnswersUnavailableThenServesOnceRedisIsUp()
    {
        var port = RelayProcess.FreeLoopbackPort();
        await using var relay = await RelayProcess.StartAsync(null, "--store", "redis", "--redis", $"127.0.0.1:{port},connectTimeout=1000,asyncTimeout=1000");
        using var http = new HttpClient { BaseAddress = relay.BaseUri };
        var api = new MailboxApi(http);

        using (var health = await http.GetAsync("healthz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }

        // The process itself is fine: liveness stays healthy while readiness waits for Redis.
        using (var live = await http.GetAsync("healthz/live"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        }

        using (var create = await api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody()))
        {
            await MailboxApi.AssertProblemAsync(create, 503, "unavailable");
            Assert.NotNull(create.Headers.RetryAfter);
        }

        await using var redis = await RedisServer.StartAsync(port);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var health = await http.GetAsync("healthz");
            if (health.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "The relay did not connect to Redis once it was up.");
            await Task.Delay(100);
        }

        var mailbox = await api.CreateAsync(Guid.NewGuid());
        using var claim = await api.ReadAsync(mailbox.Id, Guid.NewGuid());
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        Assert.Contains("store redis at 127.0.0.1:", relay.Output, StringComparison.Ordinal);
    }
}
