using System.Text;
using Microsoft.Extensions.Time.Testing;
using Tigress.Client.Http;
using Tigress.Protocol;

namespace Tigress.Client.Tests.Http;

/// <summary>The event stream interpretation of the HTML standard (section 9.2.6), byte by byte, with this client's bounds.</summary>
public sealed class ServerSentEventReaderTests
{
    [Fact]
    public async Task Read_RelayStream_DispatchesEachEventWithItsId()
    {
        var events = await ReadAllAsync("retry: 3000\n\nid: 1\ndata: {\"event\":\"claimed\"}\n\nid: 2\ndata: {\"event\":\"updated\"}\n\n");

        Assert.Equal(
            [new ServerSentEvent("message", "{\"event\":\"claimed\"}", "1"), new ServerSentEvent("message", "{\"event\":\"updated\"}", "2")],
            events);
    }

    [Fact]
    public async Task Read_MultiLineData_JoinsLinesWithLineFeed()
    {
        var events = await ReadAllAsync("data: first\ndata\ndata:  third\n\n");

        Assert.Equal("first\n\n third", Assert.Single(events).Data);
    }

    [Fact]
    public async Task Read_CommentsKeepAlivesAndUnknownFields_AreIgnored()
    {
        var events = await ReadAllAsync(": keep-alive\n\n:\n\nfoo: bar\nDATA: no\ndata: yes\nunknown\n\n: trailing\n\n");

        Assert.Equal("yes", Assert.Single(events).Data);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\r\n")]
    public async Task Read_AnyLineEnding_SameEvents(string ending)
    {
        var text = string.Join(ending, "id: 7", "event: updated", "data: a", "", "data: b", "", "");

        var events = await ReadAllAsync(text, chunk: 1);

        Assert.Equal([new ServerSentEvent("updated", "a", "7"), new ServerSentEvent("message", "b", "7")], events);
    }

    [Fact]
    public async Task Read_CrLfSplitAcrossReads_IsOneLineEnding()
    {
        // Every read ends right after a CR, so each LF arrives at the start of the next read.
        var events = await ReadAllAsync("data: x\r\n\r\ndata: y\r\n\r\n", chunks: [8, 1, 1, 1, 8, 1, 1, 1]);

        Assert.Equal(["x", "y"], events.Select(e => e.Data));
    }

    [Fact]
    public async Task Read_LeadingByteOrderMark_IsSkippedOnce()
    {
        var events = await ReadAllAsync("\uFEFFdata: one\n\n\uFEFFdata: two\n\n");

        Assert.Equal("one", events[0].Data);
        Assert.Single(events); // a second BOM makes the field name "\uFEFFdata", which is unknown
    }

    [Fact]
    public async Task Read_IdWithoutData_DispatchesNothingButPersists()
    {
        var events = await ReadAllAsync("id: 41\n\nid: 42\n\ndata: x\n\nid\ndata: y\n\n");

        Assert.Equal([new ServerSentEvent("message", "x", "42"), new ServerSentEvent("message", "y", "")], events);
    }

    [Fact]
    public async Task Read_IdHoldingNul_IsIgnored()
    {
        var events = await ReadAllAsync("id: 5\ndata: a\n\nid: 6\0x\ndata: b\n\n");

        Assert.Equal(["5", "5"], events.Select(e => e.LastEventId));
    }

    [Fact]
    public async Task Read_EventTypeResetsAfterEachDispatch()
    {
        var events = await ReadAllAsync("event: deleted\ndata: a\n\ndata: b\n\nevent: x\n\ndata: c\n\n");

        Assert.Equal(["deleted", "message", "message"], events.Select(e => e.Type));
    }

    [Theory]
    [InlineData("retry: 2500\n", 2500)]
    [InlineData("retry:0\n", 0)]
    [InlineData("retry: 25x\n", null)]
    [InlineData("retry: -1\n", null)]
    [InlineData("retry: 1.5\n", null)]
    [InlineData("retry: 99999999999999999999999\n", null)]
    [InlineData("retry\n", null)]
    public async Task Read_RetryField_HonouredOnlyWhenDigits(string line, int? expectedMilliseconds)
    {
        var reader = Reader(line + "\ndata: x\n\n");

        await reader.ReadAsync(CancellationToken.None);

        Assert.Equal(expectedMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null, reader.Retry);
    }

    [Fact]
    public async Task Read_EndOfStreamMidEvent_DiscardsThePartialEvent()
    {
        var events = await ReadAllAsync("data: complete\n\nid: 9\ndata: cut short\n");

        Assert.Equal("complete", Assert.Single(events).Data);
    }

    [Fact]
    public async Task Read_InvalidUtf8_DecodesToReplacementCharacter()
    {
        var bytes = "data: a"u8.ToArray().Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat("b\n\n"u8.ToArray()).ToArray();

        var reader = new ServerSentEventReader(new MemoryStream(bytes), TimeSpan.FromSeconds(10), TimeProvider.System);
        var next = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal("a\uFFFD(\uFFFDb", next!.Value.Data);
    }

    [Fact]
    public async Task Read_LineAtTheBound_IsAccepted()
    {
        var data = new string('x', ServerSentEventReader.MaxLineBytes - "data: ".Length);

        var events = await ReadAllAsync($"data: {data}\n\n", chunk: 1000);

        Assert.Equal(data, Assert.Single(events).Data);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public async Task Read_LineOverTheBound_ThrowsProtocolException(int chunk)
    {
        var data = new string('x', ServerSentEventReader.MaxLineBytes - "data: ".Length + 1);

        var error = await Assert.ThrowsAsync<TigressProtocolException>(() => ReadAllAsync($"data: {data}\n\n", chunk));

        Assert.Equal(ProtocolErrorCodes.MalformedMessage, error.ErrorCode);
    }

    [Fact]
    public async Task Read_CommentWithoutEnd_IsBoundedToo()
    {
        // A server that never ends a line must not make the client buffer it whole.
        var stream = new ChunkedStream(Encoding.UTF8.GetBytes(":" + new string('k', 1_000_000)), [4096]);
        var reader = new ServerSentEventReader(stream, TimeSpan.FromSeconds(10), TimeProvider.System);

        await Assert.ThrowsAsync<TigressProtocolException>(() => reader.ReadAsync(CancellationToken.None).AsTask());
        Assert.True(stream.Position <= ServerSentEventReader.MaxLineBytes + 4096, $"read {stream.Position} bytes of an endless line");
    }

    [Fact]
    public async Task Read_EventDataOverTheBound_ThrowsProtocolException()
    {
        var line = "data: " + new string('y', 1000) + "\n";
        var text = string.Concat(Enumerable.Repeat(line, (ServerSentEventReader.MaxEventBytes / 1001) + 1)) + "\n";

        await Assert.ThrowsAsync<TigressProtocolException>(() => ReadAllAsync(text));
    }

    [Fact]
    public async Task Read_ManySmallEvents_NoneCountsAgainstTheNext()
    {
        var line = "data: " + new string('z', 1000) + "\n\n";
        var text = string.Concat(Enumerable.Repeat(line, 100));

        var events = await ReadAllAsync(text);

        Assert.Equal(100, events.Count);
    }

    [Fact]
    public async Task Read_SilentLongerThanIdleTimeout_ThrowsTimeout()
    {
        var reader = new ServerSentEventReader(new SilentStream(), TimeSpan.FromMilliseconds(100), TimeProvider.System);

        await Assert.ThrowsAsync<TimeoutException>(() => reader.ReadAsync(CancellationToken.None).AsTask()).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Read_CancelledByCaller_ThrowsOperationCanceled()
    {
        var reader = new ServerSentEventReader(new SilentStream(), TimeSpan.FromSeconds(30), TimeProvider.System);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadAsync(cancel.Token).AsTask()).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Read_EndlessKeepAliveComments_CutOffAtTheBudgetOfOneIdleTimeout()
    {
        // A relay that sends nothing but comments, as fast as it can, read 3.2 GB per connection before the budget.
        var stream = new GeneratedStream(_ => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(": keep-alive\n", 300))));
        var reader = new ServerSentEventReader(stream, TimeSpan.FromSeconds(60), TimeProvider.System);

        var error = await Assert.ThrowsAsync<TigressProtocolException>(() => reader.ReadAsync(CancellationToken.None).AsTask()).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("more than 131072 bytes within 60 seconds", error.Message, StringComparison.Ordinal);
        Assert.True(stream.BytesRead <= ServerSentEventReader.MaxBytesPerWindow + 4096, $"read {stream.BytesRead} bytes");
    }

    [Fact]
    public async Task Read_EndlessEvents_CutOffAtTheBudgetToo()
    {
        var id = 0;
        var stream = new GeneratedStream(_ => Encoding.ASCII.GetBytes($"id: {++id}\ndata: {{\"event\":\"updated\",\"side\":\"recipient\"}}\n\n"));
        var reader = new ServerSentEventReader(stream, TimeSpan.FromSeconds(60), TimeProvider.System);

        var error = await Record.ExceptionAsync(async () =>
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                await reader.ReadAsync(CancellationToken.None);
            }
        }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.IsType<TigressProtocolException>(error);
        Assert.True(stream.BytesRead <= ServerSentEventReader.MaxBytesPerWindow + 4096, $"read {stream.BytesRead} bytes");
    }

    [Fact]
    public async Task Read_ModerateTrafficOverManyIdleTimeouts_TheBudgetStartsAfreshEachTime()
    {
        // 60 KiB of comments every 45 s of fake time: 300 KiB in all, never more than 128 KiB in one 60-second window.
        var time = new FakeTimeProvider();
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(":" + new string('k', 1022) + "\n", 60)));
        var stream = new GeneratedStream(
            read =>
            {
                if (read > 0)
                {
                    time.Advance(TimeSpan.FromSeconds(45));
                }

                return read < 5 ? chunk : "data: done\n\n"u8.ToArray();
            });
        var reader = new ServerSentEventReader(stream, TimeSpan.FromSeconds(60), time);

        var next = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal("done", next?.Data);
    }

    [Fact]
    public async Task Read_KeepAliveDrippedSlowerThanTheIdleTimeout_ThrowsTimeout()
    {
        // One byte every 20 ms never lets a read wait the idle timeout; the line must still arrive whole within it.
        var stream = new GeneratedStream(_ => ":"u8.ToArray(), TimeSpan.FromMilliseconds(20));
        var reader = new ServerSentEventReader(stream, TimeSpan.FromMilliseconds(300), TimeProvider.System);

        var error = await Record.ExceptionAsync(() => reader.ReadAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.IsType<TimeoutException>(error);
        Assert.Contains("no whole line", error.Message, StringComparison.Ordinal);
        Assert.True(stream.BytesRead < 1000, $"read {stream.BytesRead} bytes");
    }

    [Fact]
    public async Task Read_KeepAlivesWellWithinTheIdleTimeout_KeepTheStreamOpen()
    {
        var sent = 0;
        var stream = new GeneratedStream(_ => ++sent < 20 ? ": keep-alive\n"u8.ToArray() : "data: x\n\n"u8.ToArray(), TimeSpan.FromMilliseconds(20));
        var reader = new ServerSentEventReader(stream, TimeSpan.FromSeconds(10), TimeProvider.System);

        var next = await reader.ReadAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("x", next?.Data);
    }

    [Fact]
    public async Task LinesRead_CountsCommentsToo()
    {
        var reader = Reader(": keep-alive\n\n: keep-alive\n\ndata: x\n\n");

        await reader.ReadAsync(CancellationToken.None);

        Assert.Equal(6, reader.LinesRead);
    }

    private static ServerSentEventReader Reader(string text, int chunk = 4096) =>
        new(new ChunkedStream(Encoding.UTF8.GetBytes(text), [chunk]), TimeSpan.FromSeconds(10), TimeProvider.System);

    private static Task<List<ServerSentEvent>> ReadAllAsync(string text, int chunk = 4096) => ReadAllAsync(text, [chunk]);

    private static async Task<List<ServerSentEvent>> ReadAllAsync(string text, int[] chunks)
    {
        var reader = new ServerSentEventReader(new ChunkedStream(Encoding.UTF8.GetBytes(text), chunks), TimeSpan.FromSeconds(10), TimeProvider.System);
        var events = new List<ServerSentEvent>();
        while (await reader.ReadAsync(CancellationToken.None) is { } next)
        {
            events.Add(next);
        }

        return events;
    }

    /// <summary>Hands out its bytes in reads of the given sizes, the last size repeating.</summary>
    private sealed class ChunkedStream(byte[] bytes, int[] chunks) : Stream
    {
        private int _reads;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var size = Math.Min(Math.Min(chunks[Math.Min(_reads++, chunks.Length - 1)], buffer.Length), bytes.Length - (int)Position);
            bytes.AsSpan((int)Position, size).CopyTo(buffer);
            Position += size;
            return size;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A connection that never sends anything.</summary>
    private sealed class SilentStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A connection that never ends: each read hands out what <c>next</c> makes for that read (by number),
    /// after an optional pause.</summary>
    private sealed class GeneratedStream(Func<int, byte[]> next, TimeSpan pause = default) : Stream
    {
        private byte[] _pending = [];
        private int _offset;
        private int _reads;

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, cancellationToken);
            }

            if (_offset == _pending.Length)
            {
                _pending = next(_reads++);
                _offset = 0;
            }

            var size = Math.Min(buffer.Length, _pending.Length - _offset);
            _pending.AsSpan(_offset, size).CopyTo(buffer.Span);
            _offset += size;
            BytesRead += size;
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
