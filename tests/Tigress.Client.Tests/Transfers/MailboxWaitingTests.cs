using System.Diagnostics;
using Tigress.Client.Mailbox;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Testing;

namespace Tigress.Client.Tests.Transfers;

/// <summary>
/// How a mailbox session waits for the other side: on the relay's event stream (docs/protocol.md section 8) when it can, with one
/// read per write of the other side and none in between; on long polls (docs/protocol.md section 7.6) when the relay has no stream or
/// the stream fails; and woken by a push the app hands in.
/// </summary>
public sealed class MailboxWaitingTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Wait_OnEventStream_NoRepeatedReads_WhereLongPollsReadAfterEveryWait()
    {
        var wait = TimeSpan.FromSeconds(1);

        // A relay of its own: the meter counts streams opened and closed since it started, and a stream of an earlier
        // test on a shared relay, closed late under load, would count as -1.
        await using var relay = await LoopbackRelay.StartAsync();
        using var meter = new RelayRequestMeter(relay);

        // Four seconds on the event stream (four long polls' worth), then four long-polling.
        var (streamRequests, streamRelayReads, streamsOpen) = await WaitUnclaimedAsync(new TransferSessionOptions { LongPollWait = wait });
        var (pollRequests, pollRelayReads, _) = await WaitUnclaimedAsync(new TransferSessionOptions { LongPollWait = wait, UseServerSentEvents = false });

        // On the stream: one stream opened and one read (right after it opened, to miss nothing), no Prefer: wait.
        Assert.Single(streamRequests, r => r.IsEventStream);
        Assert.Single(streamRequests, r => r.IsRead);
        Assert.Equal(2, streamRequests.Count);
        Assert.All(streamRequests, r => Assert.Null(r.Prefer));
        Assert.Equal("0", streamRequests.Single(r => r.IsEventStream).LastEventId);
        Assert.Equal(1, streamsOpen);
        Assert.Equal(1, streamRelayReads);

        // Long-polling: a read after every wait, as the relay counted too.
        var polls = pollRequests.Count(r => r.IsRead);
        Assert.True(polls >= 3, $"the long-polling side read {polls} times");
        Assert.All(pollRequests.Where(r => r.IsRead), r => Assert.Equal("wait=1", r.Prefer));
        Assert.DoesNotContain(pollRequests, r => r.IsEventStream);
        Assert.InRange(pollRelayReads, polls - 1, polls);

        async Task<(List<RecordedRequest> Requests, int RelayReads, long StreamsOpen)> WaitUnclaimedAsync(TransferSessionOptions options)
        {
            var log = new InterceptingHandler();
            using var initiator = await Shares.TextAsync(relay.BaseUri, "nobody claims this", Clients.Create(log), options);
            using var url = await Shares.CreateMailboxAsync(initiator);
            var readsBefore = meter.Completed("read");
            using var stop = new CancellationTokenSource();
            var running = initiator.RunAsync(stop.Token);

            // At least four waits' worth of time: on the stream nothing more may happen however long it runs, and a
            // long-polling side is watched until it has read three times, however slowly a loaded machine runs it.
            var started = Stopwatch.GetTimestamp();
            await WaitUntilAsync(() => Stopwatch.GetElapsedTime(started) >= 4 * wait
                && (options.UseServerSentEvents || log.Requests.Count(r => r.IsRead && r.Status != 0) >= 3));
            var relayReads = meter.Completed("read") - readsBefore;
            var open = meter.OpenStreams;
            // After the capability document and the create.
            var requests = log.Requests.Skip(2).ToList();
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
            return (requests, relayReads, open);
        }
    }

    [Fact]
    public async Task Claim_OnEventStream_ReportedLongBeforeALongPollWould_BeforeTheRecipientWritesAnything()
    {
        var log = new InterceptingHandler();
        var events = new List<TransferEvent>();
        var claimedAt = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new TransferSessionOptions
        {
            EventOccurred = e =>
            {
                lock (events)
                {
                    events.Add(e);
                }

                if (e.Kind == TransferEventKind.Claimed)
                {
                    claimedAt.TrySetResult(Stopwatch.GetTimestamp());
                }
            },
        };
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "claim me", Clients.Create(log), options);
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var stop = new CancellationTokenSource();
        var running = initiator.RunAsync(stop.Token);
        await WaitForStreamAsync(log);

        // A device claims with its first read and then does nothing more.
        var before = Stopwatch.GetTimestamp();
        await Clients.Create().ReadAsync(url.MailboxUri, Guid.NewGuid());
        var latency = Stopwatch.GetElapsedTime(before, await claimedAt.Task.WaitAsync(s_timeout));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        // Typically a few milliseconds; the bound only has to stay well under the 30 s long poll, whatever the machine's load.
        Assert.True(latency < TimeSpan.FromSeconds(10), $"the claim was reported {latency.TotalMilliseconds:F0} ms after it happened");
        lock (events)
        {
            Assert.Equal([TransferEventKind.MailboxCreated, TransferEventKind.MessageSent, TransferEventKind.Waiting, TransferEventKind.Claimed], events.Select(e => e.Kind));
        }

        Assert.True(initiator.GetState().ToDocument().PeerSeen);
        Assert.Single(log.Requests, r => r.IsEventStream);
    }

    [Fact]
    public async Task Claim_BeforeTheStreamOpens_IsStillReported_FromTheReplayedLog()
    {
        // The initiator's process is not running when the recipient claims; it resumes later from its stored state.
        var events = new List<TransferEventKind>();
        TransferState? stored = null;
        using (var initiator = await Shares.TextAsync(fixture.BaseUri, "later", options: new TransferSessionOptions { StateChanged = (s, _) => { stored = s; return ValueTask.CompletedTask; } }))
        using (var url = await Shares.CreateMailboxAsync(initiator))
        {
            await Clients.Create().ReadAsync(url.MailboxUri, Guid.NewGuid());
        }

        using var resumed = TransferSession.Resume(Clients.Create().AsTigress(), stored!, new TransferSessionOptions { EventOccurred = e => events.Add(e.Kind) });
        using var timeout = new CancellationTokenSource(s_timeout);
        while (!events.Contains(TransferEventKind.Claimed))
        {
            await resumed.StepAsync(timeout.Token);
        }

        Assert.Equal([TransferEventKind.Waiting, TransferEventKind.Claimed], events);
        Assert.Equal(TransferStatus.Active, resumed.Status);
    }

    [Theory]
    [InlineData("authorization-token")]
    [InlineData("car-key")]
    public async Task BothVerticals_OnEventStream_CompleteWithoutAnyLongPoll(string vertical)
    {
        var initiatorLog = new InterceptingHandler();
        var recipientLog = new InterceptingHandler();
        using var initiator = vertical == "car-key"
            ? await Shares.CarKeyAsync(fixture.BaseUri, Clients.Create(initiatorLog))
            : await Shares.TextAsync(fixture.BaseUri, "token", Clients.Create(initiatorLog));
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var recipient = Shares.Receive(url, Clients.Create(recipientLog));

        var (sent, received) = await Shares.RunBothAsync(initiator, recipient);

        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal(TransferStatus.Completed, received.Status);
        Assert.All(initiatorLog.Requests.Concat(recipientLog.Requests), r => Assert.Null(r.Prefer));
        Assert.Single(initiatorLog.Requests, r => r.IsEventStream);
        Assert.Equal(vertical == "car-key" ? 1 : 0, recipientLog.Requests.Count(r => r.IsEventStream));
    }

    [Theory]
    [InlineData("authorization-token")]
    [InlineData("car-key")]
    public async Task BothVerticals_RelayWithoutEventStream_FallBackToLongPollsAndComplete(string vertical)
    {
        await using var relay = await LoopbackRelay.StartAsync(configureServices: WithoutEventStream.Apply);
        var initiatorLog = new InterceptingHandler();
        var recipientLog = new InterceptingHandler();
        using var initiator = vertical == "car-key"
            ? await Shares.CarKeyAsync(relay.BaseUri, Clients.Create(initiatorLog))
            : await Shares.TextAsync(relay.BaseUri, "token", Clients.Create(initiatorLog));
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var recipient = Shares.Receive(url, Clients.Create(recipientLog));

        var (sent, received) = await Shares.RunBothAsync(initiator, recipient);

        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal(TransferStatus.Completed, received.Status);

        // Each side asked for the stream once, heard 404, and long-polled from then on.
        var initiatorStreams = initiatorLog.Requests.Where(r => r.IsEventStream).ToList();
        Assert.Equal(404, Assert.Single(initiatorStreams).Status);
        Assert.Contains(initiatorLog.Requests, r => r.IsRead && r.Prefer == "wait=30");
        Assert.True(recipientLog.Requests.Count(r => r.IsEventStream) <= 1);
    }

    [Fact]
    public async Task EventStreamKeepsFailing_SessionFallsBackToLongPollAndCompletes()
    {
        var initiatorLog = new InterceptingHandler(async (request, send, _) =>
            request.RequestUri!.AbsolutePath.EndsWith("/events", StringComparison.Ordinal)
                ? new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable)
                : await send());
        using var initiator = await Shares.CarKeyAsync(fixture.BaseUri, Clients.Create(initiatorLog));
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var recipient = Shares.Receive(url);

        var (sent, received) = await Shares.RunBothAsync(initiator, recipient);

        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal(TransferStatus.Completed, received.Status);

        // One attempt and three retries (the test client's MaxRetries), then long polls for the rest of the transfer.
        Assert.Equal(4, initiatorLog.Requests.Count(r => r.IsEventStream));
        Assert.Contains(initiatorLog.Requests, r => r.IsRead && r.Prefer is not null);
    }

    [Fact]
    public async Task Delete_WhileRecipientWaitsOnTheStream_EndsTheWaitAtOnce()
    {
        var log = new InterceptingHandler();
        using var initiator = await Shares.CarKeyAsync(fixture.BaseUri);
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var recipient = Shares.Receive(url, Clients.Create(log), new TransferSessionOptions { LongPollWait = TimeSpan.FromSeconds(30) });
        await recipient.StepAsync(); // claimed, answered; the next step waits for the initiator
        var receiving = recipient.RunAsync();
        await WaitForStreamAsync(log);

        var before = Stopwatch.GetTimestamp();
        await Clients.Create().DeleteAsync(url.MailboxUri, initiator.GetState().ToDocument().Claim);
        var result = await receiving.WaitAsync(s_timeout);
        var latency = Stopwatch.GetElapsedTime(before);

        Assert.Equal(TransferStatus.Expired, result.Status);
        // Well under the 30 s long poll the wait would otherwise last, whatever the machine's load.
        Assert.True(latency < TimeSpan.FromSeconds(10), $"the wait ended {latency.TotalMilliseconds:F0} ms after the delete");
        Assert.DoesNotContain(log.Requests, r => r.Prefer is not null);
    }

    [Fact]
    public async Task Push_WhileWaitingOnEvents_ReadsTheMailboxOnce()
    {
        var log = new InterceptingHandler();
        var client = Clients.Create(log);
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "pushed", client);
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var stop = new CancellationTokenSource();
        var running = initiator.RunAsync(stop.Token);
        await WaitForStreamAsync(log);
        var readsBefore = log.Requests.Count(r => r.IsRead);

        var woken = client.NotifyPushReceived(Guid.Parse(url.MailboxId));
        await WaitUntilAsync(() => log.Requests.Count(r => r.IsRead) > readsBefore);
        await Task.Delay(300);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.True(woken);
        Assert.Equal(readsBefore + 1, log.Requests.Count(r => r.IsRead));
        Assert.Equal(TransferStatus.Active, initiator.Status);
    }

    [Fact]
    public async Task Push_Claimed_WhileLongPolling_ReportsTheClaimThatLongPollsCannotSee()
    {
        var log = new InterceptingHandler();
        var client = Clients.Create(log);
        var claimed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "push only", client, new TransferSessionOptions
        {
            UseServerSentEvents = false,
            EventOccurred = e =>
            {
                if (e.Kind == TransferEventKind.Claimed)
                {
                    claimed.TrySetResult();
                }
            },
        });
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var stop = new CancellationTokenSource();
        var running = initiator.RunAsync(stop.Token);
        await WaitUntilAsync(() => log.Requests.Any(r => r.IsRead));

        await Clients.Create().ReadAsync(url.MailboxUri, Guid.NewGuid());
        await Task.Delay(1000);
        var seenWithoutPush = claimed.Task.IsCompleted;
        var before = Stopwatch.GetTimestamp();
        var woken = client.NotifyPushReceived(Guid.Parse(url.MailboxId), MailboxEventKind.Claimed);
        await claimed.Task.WaitAsync(s_timeout);
        var latency = Stopwatch.GetElapsedTime(before);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.False(seenWithoutPush);
        Assert.True(woken);
        // Well under the 30 s long poll that would otherwise end the wait, whatever the machine's load.
        Assert.True(latency < TimeSpan.FromSeconds(10), $"the push took {latency.TotalMilliseconds:F0} ms to wake the wait");
        Assert.DoesNotContain(log.Requests, r => r.IsEventStream);
    }

    [Fact]
    public async Task Dispose_ClosesTheEventStream()
    {
        var log = new InterceptingHandler();

        // A relay of its own, so that no stream of an earlier test, closing late under load, counts here as -1.
        await using var relay = await LoopbackRelay.StartAsync();
        using var meter = new RelayRequestMeter(relay);
        var initiator = await Shares.TextAsync(relay.BaseUri, "short", Clients.Create(log));
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var stop = new CancellationTokenSource();
        var running = initiator.RunAsync(stop.Token);
        await WaitForStreamAsync(log);
        var openWhileWaiting = meter.OpenStreams;

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        var openAfterStop = meter.OpenStreams;
        initiator.Dispose();
        await WaitUntilAsync(() => meter.OpenStreams == 0);

        Assert.Equal(1, openWhileWaiting);
        Assert.Equal(1, openAfterStop); // the stream outlives a step, so the next step sends nothing to resume waiting
        Assert.Equal(1, meter.Completed("events"));
    }

    [Fact]
    public async Task RelayFloodsTheStreamWithEventsOfGrowingIds_ReadsAreCoalesced_NotOnePerEvent()
    {
        // A hostile relay announces a write by the other side every few milliseconds, each with a new id; the mailbox
        // never changes. One read per event made 178,599 reads in 150 seconds.
        var events = 0;
        var log = new InterceptingHandler((request, forward, cancellationToken) =>
            request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith("/events", StringComparison.Ordinal)
                ? Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK)
                {
                    Content = new StreamContent(new EventFlood(() => Interlocked.Increment(ref events)))
                    {
                        Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream") },
                    },
                })
                : forward());
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "nobody writes", Clients.Create(log));
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var stop = new CancellationTokenSource();
        var running = initiator.RunAsync(stop.Token);

        await WaitUntilAsync(() => Volatile.Read(ref events) >= 400);
        var reads = log.Requests.Count(r => r.IsRead);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.True(reads <= 30, $"{reads} reads for {Volatile.Read(ref events)} events");
        Assert.True(reads >= 1, "the session read the mailbox when the stream opened");
    }

    /// <summary>Waits until the session's stream is open and its first read is answered.</summary>
    private static Task WaitForStreamAsync(InterceptingHandler log) =>
        WaitUntilAsync(() => log.Requests.Any(r => r.IsEventStream && r.Status == 200)
            && log.Requests.SkipWhile(r => !r.IsEventStream).Any(r => r.IsRead && r.Status != 0));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(s_timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, "timed out waiting");
            await Task.Delay(20);
        }
    }

    /// <summary>An event stream that never ends: an <c>updated</c> event by the recipient every 5 ms, each with the next id.</summary>
    private sealed class EventFlood(Func<int> next) : Stream
    {
        private byte[] _pending = [];
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_offset == _pending.Length)
            {
                await Task.Delay(5, cancellationToken);
                _pending = System.Text.Encoding.ASCII.GetBytes($"id: {next()}\ndata: {{\"event\":\"updated\",\"side\":\"recipient\"}}\n\n");
                _offset = 0;
            }

            var size = Math.Min(buffer.Length, _pending.Length - _offset);
            _pending.AsSpan(_offset, size).CopyTo(buffer.Span);
            _offset += size;
            return size;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
