using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Tigress.Client.Mailbox;
using Tigress.Client.Tests.TestServices;
using Tigress.Protocol;
using Tigress.Protocol.Mailbox;
using Tigress.Testing;

namespace Tigress.Client.Tests.Mailbox;

/// <summary><see cref="MailboxClient.ReadEventsAsync"/> against the real relay, and against a scripted server for
/// what the relay never sends.</summary>
public sealed class MailboxClientEventsTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ReadEvents_FromStartOfLog_ClaimUpdateDeleteInOrderThenEnds()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        Guid initiator = Guid.NewGuid(), recipient = Guid.NewGuid();
        var created = await client.CreateAsync(fixture.BaseUri, initiator, Samples.CreateRequest(key));
        await client.ReadAsync(created.MailboxUri, recipient);
        await client.UpdateAsync(created.MailboxUri, recipient, SecurePayload.Seal(key, PayloadDirection.RecipientToInitiator, 0, "answer"u8));

        var events = new List<MailboxEvent>();
        using var timeout = new CancellationTokenSource(s_timeout);
        await foreach (var next in client.ReadEventsAsync(created.MailboxUri, initiator, lastEventId: 0, timeout.Token))
        {
            events.Add(next);
            if (next.Kind == MailboxEventKind.Updated)
            {
                await client.DeleteAsync(created.MailboxUri, initiator);
            }
        }

        Assert.Equal(
            [(1L, MailboxEventKind.Claimed, MailboxSide.Recipient), (2L, MailboxEventKind.Updated, MailboxSide.Recipient), (3L, MailboxEventKind.Deleted, MailboxSide.Initiator)],
            events.Select(e => (e.Id, e.Kind, e.Side)));
    }

    [Fact]
    public async Task ReadEvents_WithoutLastEventId_StartsAtThePresent()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        Guid initiator = Guid.NewGuid(), recipient = Guid.NewGuid();
        var created = await client.CreateAsync(fixture.BaseUri, initiator, Samples.CreateRequest(key));
        await client.ReadAsync(created.MailboxUri, recipient);
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timeout = new CancellationTokenSource(s_timeout);

        await using var events = client.ReadEventsCoreAsync(created.MailboxUri, recipient, null, () => connected.TrySetResult(), timeout.Token).GetAsyncEnumerator();
        var first = events.MoveNextAsync();
        await connected.Task.WaitAsync(s_timeout);
        await client.UpdateAsync(created.MailboxUri, initiator, SecurePayload.Seal(key, PayloadDirection.InitiatorToRecipient, 1, "more"u8));

        Assert.True(await first);
        Assert.Equal((2L, MailboxEventKind.Updated, MailboxSide.Initiator), (events.Current.Id, events.Current.Kind, events.Current.Side));
    }

    [Fact]
    public async Task ReadEvents_ClientDropsConnection_ResumesFromLastEventIdWithoutRepeats()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        Guid initiator = Guid.NewGuid(), recipient = Guid.NewGuid();
        var created = await client.CreateAsync(fixture.BaseUri, initiator, Samples.CreateRequest(key));
        await client.ReadAsync(created.MailboxUri, recipient);
        using var timeout = new CancellationTokenSource(s_timeout);

        // The client takes the claim, then goes away (the enumerator's disposal closes the connection).
        MailboxEvent? seen = null;
        await foreach (var next in client.ReadEventsAsync(created.MailboxUri, initiator, 0, timeout.Token))
        {
            seen = next;
            break;
        }

        await client.UpdateAsync(created.MailboxUri, recipient, SecurePayload.Seal(key, PayloadDirection.RecipientToInitiator, 0, "one"u8));
        await client.UpdateAsync(created.MailboxUri, recipient, SecurePayload.Seal(key, PayloadDirection.RecipientToInitiator, 1, "two"u8));
        var missed = new List<MailboxEvent>();
        await foreach (var next in client.ReadEventsAsync(created.MailboxUri, initiator, seen!.Id, timeout.Token))
        {
            missed.Add(next);
            if (missed.Count == 2)
            {
                await client.DeleteAsync(created.MailboxUri, initiator);
            }
        }

        Assert.Equal((1L, MailboxEventKind.Claimed), (seen.Id, seen.Kind));
        Assert.Equal(
            [(2L, MailboxEventKind.Updated), (3L, MailboxEventKind.Updated), (4L, MailboxEventKind.Deleted)],
            missed.Select(e => (e.Id, e.Kind)));
    }

    [Fact]
    public async Task ReadEvents_ConnectionBreaks_ReconnectsWithLastEventIdAndMissesNothing()
    {
        using var key = ShareKey.Generate();
        var lastEventIds = new List<string?>();
        var breaking = new InterceptingHandler(async (request, send, _) =>
        {
            var response = await send();
            if (request.RequestUri!.AbsolutePath.EndsWith("/events", StringComparison.Ordinal))
            {
                lock (lastEventIds)
                {
                    lastEventIds.Add(request.Headers.TryGetValues("Last-Event-ID", out var values) ? values.Single() : null);
                    if (lastEventIds.Count == 1)
                    {
                        // The first connection dies right after its first event, as a mobile network would drop it.
                        response.Content = new BreakingContent(response.Content);
                    }
                }
            }

            return response;
        });
        var client = Clients.Create(breaking);
        Guid initiator = Guid.NewGuid(), recipient = Guid.NewGuid();
        var created = await client.CreateAsync(fixture.BaseUri, initiator, Samples.CreateRequest(key));
        await client.ReadAsync(created.MailboxUri, recipient);
        using var timeout = new CancellationTokenSource(s_timeout);

        var events = new List<MailboxEvent>();
        await foreach (var next in client.ReadEventsAsync(created.MailboxUri, initiator, 0, timeout.Token))
        {
            events.Add(next);
            if (events.Count == 1)
            {
                await client.UpdateAsync(created.MailboxUri, recipient, SecurePayload.Seal(key, PayloadDirection.RecipientToInitiator, 0, "x"u8));
            }
            else if (next.Kind == MailboxEventKind.Updated)
            {
                await client.DeleteAsync(created.MailboxUri, initiator);
            }
        }

        Assert.Equal(
            [(1L, MailboxEventKind.Claimed), (2L, MailboxEventKind.Updated), (3L, MailboxEventKind.Deleted)],
            events.Select(e => (e.Id, e.Kind)));
        Assert.Equal(["0", "1"], lastEventIds);
    }

    [Fact]
    public async Task ReadEvents_WrongClaim_ThrowsWrongClaim()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        var created = await client.CreateAsync(fixture.BaseUri, Guid.NewGuid(), Samples.CreateRequest(key));

        var error = await Assert.ThrowsAsync<MailboxException>(() => FirstAsync(client.ReadEventsAsync(created.MailboxUri, Guid.NewGuid())));

        Assert.Equal(MailboxError.WrongClaim, error.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task ReadEvents_UnknownMailbox_ThrowsNotFound()
    {
        var client = Clients.Create();
        var mailbox = new Uri(fixture.BaseUri, "v1/m/" + Guid.NewGuid().ToString("D"));

        var error = await Assert.ThrowsAsync<MailboxException>(() => FirstAsync(client.ReadEventsAsync(mailbox, Guid.NewGuid())));

        Assert.Equal(MailboxError.NotFound, error.Error);
        Assert.NotNull(error.ProblemType);
    }

    [Fact]
    public void ReadEvents_BadArguments_ThrowAtOnceWithTheParameterName()
    {
        var client = Clients.Create();
        var mailbox = new Uri(fixture.BaseUri, "v1/m/" + Guid.NewGuid().ToString("D"));

        Assert.Equal("mailboxUri", Assert.Throws<ArgumentNullException>(() => client.ReadEventsAsync(null!, Guid.NewGuid())).ParamName);
        Assert.Equal("mailboxUri", Assert.Throws<ArgumentException>(() => client.ReadEventsAsync(new Uri("http://relay.example/v1/m/x"), Guid.NewGuid())).ParamName);
        Assert.Equal("lastEventId", Assert.Throws<ArgumentOutOfRangeException>(() => client.ReadEventsAsync(mailbox, Guid.NewGuid(), -1)).ParamName);
    }

    [Fact]
    public async Task ReadEvents_UnknownEventsFieldsAndSides_AreSkippedOrLeftEmpty()
    {
        await using var server = await FakeEventServer.StartAsync((context, _) => FakeEventServer.StreamAsync(context,
            "retry: 100\n: keep-alive\n\n"
            + "id: 1\ndata: {\"event\":\"teleported\",\"side\":\"recipient\"}\n\n"
            + "id: 2\nfoo: bar\ndata: {\"event\":\"updated\",\"side\":\"recipient\",\"extra\":[1,2]}\n\n"
            + "id: 3\ndata: {\"event\":\"claimed\",\"side\":\"martian\"}\n\n"
            + "id: 4\nevent: deleted\ndata: {}\n\n"
            + "id: 5\ndata: {\"event\":\"updated\"}\n\n"));
        var client = Clients.Create();

        var events = await ToListAsync(client.ReadEventsAsync(server.MailboxUri, Guid.NewGuid()));

        Assert.Equal(
            [(2L, MailboxEventKind.Updated, (MailboxSide?)MailboxSide.Recipient), (3L, MailboxEventKind.Claimed, null), (4L, MailboxEventKind.Deleted, null)],
            events.Select(e => (e.Id, e.Kind, e.Side)));
        Assert.Single(server.Connections);
    }

    [Theory]
    [InlineData("id: 1\ndata: not json\n\n")]
    [InlineData("id: 1\ndata: {\"event\":42}\n\n")]
    public async Task ReadEvents_MalformedEventData_ThrowsProtocolException(string stream)
    {
        await using var server = await FakeEventServer.StartAsync((context, _) => FakeEventServer.StreamAsync(context, stream));
        var client = Clients.Create();

        await Assert.ThrowsAsync<TigressProtocolException>(() => FirstAsync(client.ReadEventsAsync(server.MailboxUri, Guid.NewGuid())));
    }

    [Fact]
    public async Task ReadEvents_RelayReplaysTheSameEventOnEveryConnection_GivesUpAfterTheRetries()
    {
        // Every connection ignores Last-Event-ID, sends event 1 again and closes: that is no progress.
        await using var server = await FakeEventServer.StartAsync((context, _) =>
            FakeEventServer.StreamAsync(context, "id: 1\ndata: {\"event\":\"updated\",\"side\":\"recipient\"}\n\n"));
        var client = Clients.Create();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var failure = await Assert.ThrowsAsync<MailboxException>(async () =>
        {
            await foreach (var _ in client.ReadEventsAsync(server.MailboxUri, Guid.NewGuid(), cancellationToken: timeout.Token))
            {
            }
        });

        Assert.Equal(MailboxError.RelayUnreachable, failure.Error);
        Assert.InRange(server.Connections.Count, 2, Clients.FastRetries.MaxRetries + 2);
    }

    [Fact]
    public async Task ReadEvents_OversizedLine_ThrowsProtocolExceptionWithoutReconnecting()
    {
        await using var server = await FakeEventServer.StartAsync((context, _) => FakeEventServer.StreamAsync(context, "data: " + new string('x', 100_000) + "\n\n"));
        var client = Clients.Create();

        await Assert.ThrowsAsync<TigressProtocolException>(() => FirstAsync(client.ReadEventsAsync(server.MailboxUri, Guid.NewGuid())));
        Assert.Single(server.Connections);
    }

    [Fact]
    public async Task ReadEvents_NotAnEventStream_ThrowsUnexpectedResponse()
    {
        await using var server = await FakeEventServer.StartAsync((context, _) => context.Response.WriteAsJsonAsync(new { hello = "world" }));
        var client = Clients.Create();

        var error = await Assert.ThrowsAsync<MailboxException>(() => FirstAsync(client.ReadEventsAsync(server.MailboxUri, Guid.NewGuid())));

        Assert.Equal(MailboxError.UnexpectedResponse, error.Error);
    }

    [Fact]
    public async Task ReadEvents_StreamClosesAtOnceEveryTime_HonoursRetryThenGivesUp()
    {
        await using var server = await FakeEventServer.StartAsync((context, _) => FakeEventServer.StreamAsync(context, "retry: 150\n\n"));
        var client = new MailboxClient(new HttpClient(), new MailboxClientOptions
        {
            MaxRetries = 3,
            InitialRetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
        });

        var error = await Assert.ThrowsAsync<MailboxException>(() => FirstAsync(client.ReadEventsAsync(server.MailboxUri, Guid.NewGuid())));

        Assert.Equal(MailboxError.RelayUnreachable, error.Error);
        var connections = server.Connections;
        Assert.Equal(4, connections.Count);
        for (var i = 1; i < connections.Count; i++)
        {
            // The relay's retry (150 ms) is the least wait, although the client's own backoff starts at 1 ms.
            Assert.True(connections[i].At - connections[i - 1].At >= TimeSpan.FromMilliseconds(140), $"reconnection {i} came after {(connections[i].At - connections[i - 1].At).TotalMilliseconds} ms");
        }
    }

    [Fact]
    public async Task ReadEvents_TransientFailureThenStream_Retries()
    {
        await using var server = await FakeEventServer.StartAsync(async (context, number) =>
        {
            if (number == 0)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            await FakeEventServer.StreamAsync(context, "id: 8\ndata: {\"event\":\"expired\"}\n\n");
        });
        var client = Clients.Create();

        var events = await ToListAsync(client.ReadEventsAsync(server.MailboxUri, Guid.NewGuid(), 7));

        Assert.Equal((8L, MailboxEventKind.Expired), (Assert.Single(events).Id, events[0].Kind));
        Assert.Equal(["7", "7"], server.Connections.Select(c => c.LastEventId));
    }

    [Fact]
    public async Task ReadEvents_SilentConnection_IsReopenedAfterTheIdleTimeout()
    {
        await using var server = await FakeEventServer.StartAsync(async (context, number) =>
        {
            if (number == 0)
            {
                // Headers and one event, then silence: a connection that died without a word.
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync("id: 1\ndata: {\"event\":\"claimed\",\"side\":\"recipient\"}\n\n");
                await context.Response.Body.FlushAsync();
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }

            await FakeEventServer.StreamAsync(context, "id: 2\ndata: {\"event\":\"deleted\"}\n\n");
        });
        var options = Clients.FastRetries;
        options.EventStreamIdleTimeout = TimeSpan.FromMilliseconds(300);
        var client = new MailboxClient(new HttpClient(), options);

        var events = await ToListAsync(client.ReadEventsAsync(server.MailboxUri, Guid.NewGuid()));

        Assert.Equal([MailboxEventKind.Claimed, MailboxEventKind.Deleted], events.Select(e => e.Kind));
        Assert.Equal([null, "1"], server.Connections.Select(c => c.LastEventId));
    }

    [Fact]
    public void NotifyPushReceived_NobodyWaiting_ReturnsFalse()
    {
        var client = Clients.Create();

        Assert.False(client.NotifyPushReceived(Guid.NewGuid()));
        Assert.Equal("kind", Assert.Throws<ArgumentOutOfRangeException>(() => client.NotifyPushReceived(Guid.NewGuid(), (MailboxEventKind)42)).ParamName);
    }

    [Fact]
    public void NotifyPushReceived_RegisteredWaiter_HearsTheKindUntilItLetsGo()
    {
        var client = Clients.Create();
        var mailbox = Guid.NewGuid();
        var heard = new List<MailboxEventKind>();
        var registration = client.ListenForPush(mailbox, heard.Add);

        var delivered = client.NotifyPushReceived(mailbox, MailboxEventKind.Claimed) && client.NotifyPushReceived(mailbox);
        var otherMailbox = client.NotifyPushReceived(Guid.NewGuid());
        registration.Dispose();
        registration.Dispose();
        var afterwards = client.NotifyPushReceived(mailbox);

        Assert.True(delivered);
        Assert.False(otherMailbox);
        Assert.False(afterwards);
        Assert.Equal([MailboxEventKind.Claimed, MailboxEventKind.Updated], heard);
    }

    [Fact]
    public void Event_ToString_NamesOnlyNumberKindAndSide()
    {
        Assert.Equal("#3 Updated by Recipient", new MailboxEvent(3, MailboxEventKind.Updated, MailboxSide.Recipient).ToString());
        Assert.Equal("#9 Expired", new MailboxEvent(9, MailboxEventKind.Expired, null).ToString());
    }

    private static async Task<MailboxEvent> FirstAsync(IAsyncEnumerable<MailboxEvent> events)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        await foreach (var next in events.WithCancellation(timeout.Token))
        {
            return next;
        }

        throw new InvalidOperationException("The stream ended without an event.");
    }

    private static async Task<List<MailboxEvent>> ToListAsync(IAsyncEnumerable<MailboxEvent> events)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        var list = new List<MailboxEvent>();
        await foreach (var next in events.WithCancellation(timeout.Token))
        {
            list.Add(next);
        }

        return list;
    }

    /// <summary>Passes the relay's stream through until its first event has gone by, then fails like a dropped connection.</summary>
    private sealed class BreakingContent : HttpContent
    {
        private readonly HttpContent _inner;

        public BreakingContent(HttpContent inner)
        {
            _inner = inner;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            await (await CreateContentReadStreamAsync()).CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override async Task<Stream> CreateContentReadStreamAsync() => new BreakingStream(await _inner.ReadAsStreamAsync());

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class BreakingStream(Stream inner) : Stream
    {
        private readonly StringBuilder _passed = new();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_passed.ToString().Contains("}\n\n", StringComparison.Ordinal))
            {
                throw new IOException("The connection was reset.");
            }

            var read = await inner.ReadAsync(buffer, cancellationToken);
            _passed.Append(Encoding.UTF8.GetString(buffer.Span[..read]));
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
