using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Tigress.Client.Dropbox;
using Tigress.Client.Mailbox;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Protocol.Mailbox;

namespace Tigress.Client.Tests.Http;

/// <summary>A server that accepts connections and requests but never answers: every attempt ends at the client's
/// response timeout, and the request fails in bounded time with a message that says so.</summary>
public sealed class SilentServerTests : IAsyncDisposable
{
    private static readonly TimeSpan s_responseTimeout = TimeSpan.FromSeconds(1);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly Task _accepting;

    public SilentServerTests()
    {
        _listener.Start();
        _accepting = AcceptForeverAsync();
    }

    private Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    [Fact]
    public async Task Create_ServerNeverAnswers_FailsAfterTheRetriesSayingItDidNotAnswer()
    {
        using var client = new MailboxClient(new MailboxClientOptions { ResponseTimeout = s_responseTimeout, MaxRetries = 1, InitialRetryDelay = TimeSpan.FromMilliseconds(10) });
        using var key = ShareKey.Generate();
        var started = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<MailboxException>(() => client.CreateAsync(BaseUri, Guid.NewGuid(), Samples.CreateRequest(key)));

        Assert.Equal(MailboxError.RelayUnreachable, failure.Error);
        Assert.Contains("did not answer within 1 seconds", failure.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(60), $"Took {started.Elapsed} against a silent server.");
    }

    [Fact]
    public async Task DropboxShare_ServerNeverAnswers_FailsAfterTheRetriesSayingItDidNotAnswer()
    {
        using var client = new DropboxClient(new DropboxClientOptions { ResponseTimeout = s_responseTimeout, MaxRetries = 1, InitialRetryDelay = TimeSpan.FromMilliseconds(10) });
        var started = Stopwatch.StartNew();

        // The share's first message is its first PUT: the dropbox gives no link before the server took it.
        var failure = await Assert.ThrowsAsync<TransferException>(async () =>
        {
            using var session = await Dropboxes.TextAsync(BaseUri, "silent", client);
            await session.RunAsync();
        });

        Assert.Equal(TransferError.RelayUnreachable, failure.Error);
        Assert.Contains("did not answer within 1 seconds", failure.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(60), $"Took {started.Elapsed} against a silent server.");
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var connection in _held)
        {
            connection.Dispose();
        }
    }

    // Keeps every connection open and reads nothing back: the request sits unanswered.
    private async Task AcceptForeverAsync()
    {
        while (true)
        {
            _held.Add(await _listener.AcceptTcpClientAsync());
        }
    }
}
