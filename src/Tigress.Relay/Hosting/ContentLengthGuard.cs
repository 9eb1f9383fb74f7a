using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace Tigress.Relay.Hosting;

/// <summary>
/// Connection middleware that reads each request head of a plain connection as Kestrel consumes it, to find a
/// <c>Content-Length</c> spelled laxly (<c>+5</c>, <c>05</c>): Kestrel reads both as 5 and keeps only the number, but
/// a proxy in front may read them otherwise (as invalid, or as another length), which is how requests are smuggled.
/// <see cref="ClientFaults"/> refuses such a request with a 400 problem and closes the connection.
/// </summary>
/// <remarks>
/// It follows the connection's framing (heads, <c>Content-Length</c> bodies, chunked bodies and trailers) over the
/// bytes Kestrel has consumed, so it judges each head before Kestrel hands its request to the relay, on every request
/// of a kept-alive connection, without copying anything. Anything it cannot follow (a TLS connection, which this runs
/// outside of; a line longer than Kestrel allows; a length it cannot parse, which Kestrel refuses itself) ends the
/// scan for that connection and leaves the bytes to Kestrel.
/// </remarks>
internal static class ContentLengthGuard
{
    public static ConnectionDelegate Use(ConnectionDelegate next) => async connection =>
    {
        var transport = connection.Transport;
        var scanner = new FramingScanner(transport.Input);
        connection.Transport = new DuplexPipe(scanner, transport.Output);
        connection.Features.Set(scanner);
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            connection.Transport = transport;
        }
    };

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}

/// <summary>The per-connection scan behind <see cref="ContentLengthGuard"/>, also the feature the request pipeline asks.</summary>
internal sealed class FramingScanner(PipeReader inner) : PipeReader
{
    private const byte TlsHandshakeRecord = 0x16;

    // Kestrel's limits: a request line of 8 KiB, a header block of 32 KiB; a longer line is Kestrel's to refuse.
    private const int MaxLine = 8 * 1024;

    private enum State { Start, Head, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Off }

    private readonly byte[] _line = new byte[MaxLine];
    private ReadOnlySequence<byte> _read;
    private State _state = State.Start;
    private int _lineLength;
    private bool _requestLine = true;
    private bool _chunked;
    private long _contentLength;
    private bool _lax;
    private int _laxPending;

    /// <summary>Whether the head of the request being served spelled <c>Content-Length</c> laxly; answered once per head.</summary>
    public bool TakeLaxContentLength() => Interlocked.Exchange(ref _laxPending, 0) == 1;

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var result = await inner.ReadAsync(cancellationToken).ConfigureAwait(false);
        _read = result.Buffer;
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }

        _read = result.Buffer;
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        // Consumed bytes are final: Kestrel parsed them. Each read's buffer starts where the last one was consumed.
        if (_state != State.Off)
        {
            foreach (var segment in _read.Slice(_read.Start, consumed))
            {
                Scan(segment.Span);
            }
        }

        _read = default;
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    private void Scan(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty && _state != State.Off)
        {
            switch (_state)
            {
                case State.Start:
                    _state = bytes[0] == TlsHandshakeRecord ? State.Off : State.Head;
                    break;
                case State.Body or State.ChunkData or State.ChunkEnd:
                    var skip = (int)Math.Min(_contentLength, bytes.Length);
                    bytes = bytes[skip..];
                    _contentLength -= skip;
                    if (_contentLength == 0)
                    {
                        (_state, _contentLength) = _state switch
                        {
                            State.ChunkData => (State.ChunkEnd, 2L), // the CRLF after a chunk's data
                            State.ChunkEnd => (State.ChunkSize, 0L),
                            _ => (State.Head, 0L),
                        };
                    }

                    break;
                default:
                    var end = bytes.IndexOf((byte)'\n');
                    var part = end < 0 ? bytes : bytes[..end];
                    if (_lineLength + part.Length > MaxLine)
                    {
                        _state = State.Off;
                        return;
                    }

                    part.CopyTo(_line.AsSpan(_lineLength));
                    _lineLength += part.Length;
                    if (end < 0)
                    {
                        return;
                    }

                    bytes = bytes[(end + 1)..];
                    var line = _line.AsSpan(0, _lineLength);
                    _lineLength = 0;
                    Line(line.EndsWith("\r"u8) ? line[..^1] : line);
                    break;
            }
        }
    }

    private void Line(ReadOnlySpan<byte> line)
    {
        switch (_state)
        {
            case State.ChunkSize:
                var extension = line.IndexOf((byte)';');
                if (!long.TryParse(extension < 0 ? line : line[..extension], System.Globalization.NumberStyles.AllowHexSpecifier | System.Globalization.NumberStyles.AllowTrailingWhite, System.Globalization.CultureInfo.InvariantCulture, out var size) || size < 0)
                {
                    _state = State.Off;
                    return;
                }

                (_state, _contentLength) = size == 0 ? (State.Trailers, 0L) : (State.ChunkData, size);
                return;
            case State.Trailers:
                if (line.IsEmpty)
                {
                    _state = State.Head;
                }

                return;
        }

        if (_requestLine)
        {
            // Empty lines before a request line are allowed (RFC 9112 section 2.2).
            _requestLine = line.IsEmpty;
            return;
        }

        if (!line.IsEmpty)
        {
            Header(line);
            return;
        }

        // The end of a head: Kestrel hands this request to the relay next.
        if (_lax)
        {
            Interlocked.Exchange(ref _laxPending, 1);
        }

        _state = _chunked ? State.ChunkSize : _contentLength > 0 ? State.Body : State.Head;
        _requestLine = true;
        _chunked = false;
        _lax = false;
    }

    private void Header(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            return;
        }

        var name = line[..colon];
        var value = line[(colon + 1)..].Trim(" \t"u8);
        if (System.Text.Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
        {
            // 1*DIGIT (RFC 9110 section 8.6) with no sign; a leading zero is allowed only in "0" itself.
            _lax |= value.IsEmpty || value.ContainsAnyExceptInRange((byte)'0', (byte)'9') || (value.Length > 1 && value[0] == (byte)'0');
            if (!long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _contentLength) || _contentLength < 0)
            {
                _state = State.Off; // Kestrel refuses it itself.
            }
        }
        else if (System.Text.Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
        {
            _chunked = System.Text.Ascii.EqualsIgnoreCase(value.Length >= 7 ? value[^7..] : value, "chunked"u8);
        }
    }
}
