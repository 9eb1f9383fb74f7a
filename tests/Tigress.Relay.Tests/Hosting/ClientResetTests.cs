using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Hosting;

/// <summary>A client that resets its connection mid-request is its own fault, not the relay's.</summary>
public sealed class ClientResetTests
{
    [Theory]
    [InlineData("POST", "/v1/m")]
    [InlineData("PUT", "/d/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task ClientResetsMidBody_IsLoggedAsAClientGoneAtDebug_NotAsAnUnhandledFailure(string method, string target)
    {
        var logs = new CapturedLogs();
        var entered = new EntrySignal();
        await using var relay = await LoopbackRelay.StartAsync(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug" },
            services =>
            {
                services.AddSingleton<ILoggerProvider>(logs);
                services.AddSingleton<IStartupFilter>(entered);
            });
        var head = $"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nMailbox-Request-ID: {Guid.NewGuid()}\r\n"
            + $"Mailbox-Device-Claim: {Guid.NewGuid()}\r\nContent-Length: 1000\r\n\r\n{{\"payload\":";

        // Arrange: a body cut short, the handler blocked reading the rest; Act: the client resets the connection.
        using (var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { LingerState = new LingerOption(true, 0) })
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, relay.BaseUri.Port));
            await socket.SendAsync(Encoding.ASCII.GetBytes(head));
            await entered.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await Eventually.TrueAsync(
            () => logs.Lines.Any(l => IsClientGone(l) || l.Contains("Unhandled failure", StringComparison.Ordinal)),
            "the relay noted the request's end", TimeSpan.FromSeconds(30));
        var errors = logs.Lines.Where(l => l.Contains(" Error ", StringComparison.Ordinal) || l.Contains(" Critical ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "A client gone mid-body was logged as an error:\n" + string.Join('\n', errors));
        Assert.Contains(logs.Lines, IsClientGone);
    }

    // The endpoint notes a client gone while it waited; the client-fault middleware one whose body broke off.
    private static bool IsClientGone(string line) =>
        line.Contains(" Debug A client went away", StringComparison.Ordinal) || line.Contains(" Debug A client broke off", StringComparison.Ordinal);

    // Tells the test when the request is inside the relay's pipeline, so the reset lands mid-request.
    private sealed class EntrySignal : IStartupFilter
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, inner) =>
            {
                Entered.TrySetResult();
                return inner(context);
            });
            next(app);
        };
    }
}
