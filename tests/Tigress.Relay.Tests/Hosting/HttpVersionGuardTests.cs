using System.Net;
using System.Net.Sockets;
using System.Text;
using Tigress.Relay.Tests.TestServices;

namespace Tigress.Relay.Tests.Hosting;

/// <summary>The guard that answers an unknown HTTP version itself only looks: whatever it lets through, Kestrel
/// reads whole, however the bytes arrive.</summary>
public sealed class HttpVersionGuardTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    [Theory]
    [InlineData(0)]
    [InlineData(6_000)]
    public async Task FirstLineArrivingInPieces_IsServedAsIfSentAtOnce(int pauseMilliseconds)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, fixture.Relay.BaseUri.Port));

        // Arrange: the request line cut in two, the second half after the guard's own wait (5 s) when paused.
        await socket.SendAsync(Encoding.ASCII.GetBytes("GET /v1 HT"));
        await Task.Delay(pauseMilliseconds);
        await socket.SendAsync(Encoding.ASCII.GetBytes("TP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));

        var answer = await ReadAllAsync(socket);

        Assert.StartsWith("HTTP/1.1 200 ", answer, StringComparison.Ordinal);
        Assert.Contains("\"apiVersion\"", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeptAliveConnection_AfterAGoodRequest_IsServedAgain()
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, fixture.Relay.BaseUri.Port));

        await socket.SendAsync(Encoding.ASCII.GetBytes("GET /v1 HTTP/1.1\r\nHost: x\r\n\r\nGET /v1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        var answer = await ReadAllAsync(socket);

        Assert.Equal(2, answer.Split("HTTP/1.1 200 ").Length - 1);
    }

    private static async Task<string> ReadAllAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }
}
