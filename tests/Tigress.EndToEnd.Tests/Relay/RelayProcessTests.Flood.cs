using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Relay;

/// <summary>A hostile client holding thousands of connections against a relay with few file descriptors.</summary>
public sealed partial class RelayProcessTests
{
    private const int FloodConnections = 3000;

    [Fact]
    public async Task Relay_OneClientHoldsThousandsOfConnectionsUnderALowOpenFileLimit_StaysUpServesOthersAndRecovers()
    {
        // Arrange: 1024 descriptors, and a mailbox for the flood to long-poll on.
        await using var relay = await RelayProcess.StartWithOpenFileLimitAsync(1024);
        Assert.Contains("Open-file limit 1024", relay.Output, StringComparison.Ordinal);
        using var flooder = new HttpClient { BaseAddress = relay.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        var claim = Guid.NewGuid();
        var mailbox = await CreateAsync(flooder, claim, "RW");

        // Another client, from another loopback address: the relay tells them apart.
        using var other = new HttpClient(FromAddress(IPAddress.Parse("127.0.0.2"))) { BaseAddress = relay.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        var sockets = new List<Socket>();
        try
        {
            // Act: open every connection the relay lets this client hold, each with a long poll on it, at most 60 s in all.
            var request = Encoding.ASCII.GetBytes(
                $"POST /v1/m/{mailbox.Id} HTTP/1.1\r\nHost: {relay.BaseUri.Authority}\r\nMailbox-Request-ID: {Guid.NewGuid()}\r\n"
                + $"Mailbox-Device-Claim: {claim}\r\nPrefer: wait=60\r\nContent-Length: 0\r\n\r\n");
            var flood = Stopwatch.StartNew();
            using var gate = new SemaphoreSlim(100);
            var opening = Enumerable.Range(0, FloodConnections).Select(async _ =>
            {
                await gate.WaitAsync();
                try
                {
                    if (flood.Elapsed < TimeSpan.FromSeconds(60) && await TryOpenAsync(relay.BaseUri, request) is { } socket)
                    {
                        lock (sockets)
                        {
                            sockets.Add(socket);
                        }
                    }
                }
                finally
                {
                    gate.Release();
                }
            });
            await Task.WhenAll(opening);

            // Assert: still up, and the other client gets in while the flood holds its connections.
            Assert.False(relay.HasExited, $"The relay died under the flood:\n{relay.Output}");
            Assert.True(sockets.Count > 0, "The flood opened no connection at all.");
            using (var health = await other.GetAsync("healthz"))
            {
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
            }

            await CreateAsync(other, Guid.NewGuid(), "RW");
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }

        // The flood is over: its client is served again.
        var recovered = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await CreateAsync(flooder, Guid.NewGuid(), "RW");
                break;
            }
            catch (Exception e) when (e is HttpRequestException or Xunit.Sdk.XunitException && recovered.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(200);
            }
        }

        Assert.False(relay.HasExited, $"The relay died after the flood:\n{relay.Output}");
        Assert.DoesNotContain("Out of memory", relay.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relay_MaxConnectionsBelowOne_ExitsWithOneLineNamingTheFlag()
    {
        var data = TemporaryFolder.Create("max-connections");
        var (exitCode, stdout, stderr) = await RunAsync(["relay", "--max-connections", "0", "--data", data]);
        TemporaryFolder.Delete(data);

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout.Trim());
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("--max-connections", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relay_MaxConnectionsAboveTheOpenFileLimit_IsLoweredWithAWarning()
    {
        await using var relay = await RelayProcess.StartWithOpenFileLimitAsync(1024, "--max-connections", "100000");

        Assert.Contains("Relay:Connections:MaxConnections 100000 leaves too few of the 1024 open files", relay.Output, StringComparison.Ordinal);
    }

    /// <summary>A connection with the request sent, or null when the relay refused or closed it.</summary>
    private static async Task<Socket?> TryOpenAsync(Uri relay, byte[] request)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(IPAddress.Loopback, relay.Port, timeout.Token);
            await socket.SendAsync(request, timeout.Token);
            return socket;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            return null;
        }
    }

    /// <summary>A handler whose connections leave from <paramref name="local"/>, so the relay sees another client.</summary>
    private static SocketsHttpHandler FromAddress(IPAddress local) => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
