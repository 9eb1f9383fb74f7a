using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Diagnostics;

/// <summary>What one client does wrong never grows the log without bound: Debug lines, and one warning a minute.</summary>
public sealed class ClientMisbehaviourLogTests
{
    [Fact]
    public async Task BrokenBodies_ThenDisconnect_LogNothingAboveDebug_AndNoStackTrace()
    {
        // Arrange
        var logs = new CapturedLogs();
        await using var relay = await LoopbackRelay.StartAsync(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" },
            services => services.AddSingleton<ILoggerProvider>(logs));
        var before = logs.Lines.Count;
        string[] bodies =
        [
            "Content-Length: 1000\r\n\r\n{\"payload\":",
            "Transfer-Encoding: chunked\r\n\r\n5\r\nab",
            "Transfer-Encoding: chunked\r\n\r\nzz\r\nab",
            "Transfer-Encoding: chunked\r\n\r\n5\r\nabcdeXX",
        ];
        string[] paths = ["/v1/m", $"/v1/m/{Guid.NewGuid()}", "/d/" + new string('a', 43)];

        // Act: each broken request, with the connection closed gently and abruptly, at once and a little later.
        foreach (var path in paths)
        {
            foreach (var body in bodies)
            {
                foreach (var reset in new[] { false, true })
                {
                    foreach (var pause in new[] { 0, 20, 200 })
                    {
                        await SendBrokenAsync(relay.BaseUri, path, body, reset, pause);
                    }
                }
            }
        }

        // The relay still answers, and every broken request has been dealt with before the logs are read.
        using var http = relay.CreateClient();
        await new MailboxApi(http).CreateAsync(Guid.NewGuid());
        await Task.Delay(500);

        // Assert
        var lines = logs.Lines.Skip(before).ToList();
        Assert.True(lines.Count(line => line.Contains(" Warning ", StringComparison.Ordinal) || line.Contains(" Error ", StringComparison.Ordinal)) == 0, string.Join('\n', lines));
        Assert.DoesNotContain(lines, line => line.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RateLimitedRequests_LogOneWarningAMinute_NotOnePerRequest()
    {
        // Arrange
        var logs = new CapturedLogs();
        await using var relay = await LoopbackRelay.StartAsync(
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Relay:RateLimits:Enabled"] = "true",
                ["Relay:RateLimits:CreatePerMinute"] = "1",
            },
            services => services.AddSingleton<ILoggerProvider>(logs));
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);
        await api.CreateAsync(Guid.NewGuid());

        // Act
        for (var i = 0; i < 50; i++)
        {
            using var limited = await api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody());
            Assert.Equal(429, (int)limited.StatusCode);
        }

        // Assert
        var warnings = logs.Lines.Where(line => line.Contains(" Warning ", StringComparison.Ordinal)).ToList();
        Assert.Single(warnings);
        Assert.Contains("limit", warnings[0], StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", warnings[0], StringComparison.Ordinal);
    }

    private static async Task SendBrokenAsync(Uri relay, string path, string body, bool reset, int pauseMilliseconds)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(relay.Host, relay.Port);
        if (reset)
        {
            socket.LingerState = new LingerOption(true, 0);
        }

        var head = $"POST {path} HTTP/1.1\r\nHost: {relay.Authority}\r\nMailbox-Request-ID: {Guid.NewGuid()}\r\nMailbox-Device-Claim: {Guid.NewGuid()}\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(head + body));
        await Task.Delay(pauseMilliseconds);
        socket.Close();
    }
}
